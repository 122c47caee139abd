// The aws-chunked decoder on AWS's published signed example (64 KiB + 1 KiB of 'a') fed in
// pieces of every awkward size, tampered data and signatures, the unsigned-trailer form current
// AWS SDKs send, malformed and truncated bodies; and the CRC32/CRC32C/CRC64NVME check values.
#include "storage/aws_chunked_decoder.h"
#include "storage/payload_checksum.h"
#include "storage/sigv4.h"

#include <QTest>

using namespace homeport::storage;

namespace {

const QByteArray kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

AwsChunkedDecoder::Signing exampleSigning()
{
    return {sigv4::signingKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3"),
            "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", kSeed};
}

QByteArray exampleBody()
{
    return "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"
        + QByteArray(65536, 'a') + "\r\n"
        + "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"
        + QByteArray(1024, 'a') + "\r\n"
        + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n";
}

struct Decoded
{
    bool ok = false;
    QByteArray data;
    QByteArray code;
    QList<QPair<QByteArray, QByteArray>> trailers;
};

Decoded decode(const QByteArray &body, std::optional<AwsChunkedDecoder::Signing> signing, qsizetype piece)
{
    AwsChunkedDecoder decoder(std::move(signing));
    Decoded out;
    const auto sink = [&](const char *d, qsizetype n) {
        out.data.append(d, n);
        return true;
    };
    bool ok = true;
    for (qsizetype i = 0; ok && i < body.size(); i += piece)
        ok = decoder.feed(body.constData() + i, qMin(piece, body.size() - i), sink);
    out.ok = ok && decoder.finish();
    out.code = decoder.errorCode();
    out.trailers = decoder.trailers();
    return out;
}

} // namespace

class TstAwsChunkedDecoder : public QObject
{
    Q_OBJECT

private slots:
    void awsSignedExampleInAnyPieces_data()
    {
        QTest::addColumn<qsizetype>("piece");
        for (const qsizetype p : {1, 2, 3, 7, 64, 85, 86, 87, 4096, 65536, 1 << 20})
            QTest::addRow("%lld", qlonglong(p)) << p;
    }
    void awsSignedExampleInAnyPieces()
    {
        QFETCH(qsizetype, piece);
        const QByteArray body = exampleBody();
        QCOMPARE(body.size(), 66824); // the example's Content-Length
        const Decoded d = decode(body, exampleSigning(), piece);
        QVERIFY2(d.ok, d.code.constData());
        QCOMPARE(d.data, QByteArray(66560, 'a'));
    }

    void tamperedDataOrSignatureIsRefused()
    {
        QByteArray body = exampleBody();
        body[100] = 'b';
        Decoded d = decode(body, exampleSigning(), 4096);
        QVERIFY(!d.ok);
        QCOMPARE(d.code, QByteArray("SignatureDoesNotMatch"));

        body = exampleBody();
        body.replace("0055627c", "1055627c");
        d = decode(body, exampleSigning(), 4096);
        QCOMPARE(d.code, QByteArray("SignatureDoesNotMatch"));

        // A wrong seed (another request's signature) fails on the first chunk.
        AwsChunkedDecoder::Signing other = exampleSigning();
        other.seedSignature = QByteArray(64, '0');
        d = decode(exampleBody(), other, 4096);
        QCOMPARE(d.code, QByteArray("SignatureDoesNotMatch"));

        // Chunks without signatures are refused when the request said they are signed.
        d = decode("5\r\nhello\r\n0\r\n\r\n", exampleSigning(), 3);
        QCOMPARE(d.code, QByteArray("SignatureDoesNotMatch"));
    }

    void unsignedPayloadWithChecksumTrailer()
    {
        const QByteArray crc = PayloadChecksum(PayloadChecksum::Algorithm::Crc32).base64Result();
        PayloadChecksum sum(PayloadChecksum::Algorithm::Crc32);
        sum.addData("hello world", 11);
        const QByteArray body = "6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:" + sum.base64Result() + "\r\n\r\n";
        for (const qsizetype piece : {1, 5, 1000}) {
            const Decoded d = decode(body, std::nullopt, piece);
            QVERIFY2(d.ok, d.code.constData());
            QCOMPARE(d.data, QByteArray("hello world"));
            QCOMPARE(d.trailers.size(), 1);
            QCOMPARE(d.trailers[0].first, QByteArray("x-amz-checksum-crc32"));
            QCOMPARE(d.trailers[0].second, sum.base64Result());
        }
        QVERIFY(crc != sum.base64Result());
        // Some clients stop right after the trailer line.
        QVERIFY(decode("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n", std::nullopt, 4).ok);
    }

    void malformedAndTruncatedBodies()
    {
        QCOMPARE(decode("zz\r\nhello\r\n0\r\n\r\n", std::nullopt, 10).code, QByteArray("IncompleteBody"));
        QCOMPARE(decode("5\r\nhelloX\r\n0\r\n\r\n", std::nullopt, 10).code, QByteArray("IncompleteBody"));
        QCOMPARE(decode("5\r\nhel", std::nullopt, 10).code, QByteArray("IncompleteBody"));
        QCOMPARE(decode("5\r\nhello\r\n", std::nullopt, 10).code, QByteArray("IncompleteBody"));
        QCOMPARE(decode(QByteArray(5000, '1'), std::nullopt, 100).code, QByteArray("IncompleteBody"));
        QCOMPARE(decode("0\r\n\r\nextra", std::nullopt, 100).code, QByteArray("IncompleteBody"));
        QVERIFY(decode("0\r\n\r\n", std::nullopt, 1).ok);
    }

    void checksumCheckValues()
    {
        QCOMPARE(PayloadChecksum::crc32("123456789"), 0xCBF43926u);
        QCOMPARE(PayloadChecksum::crc32c("123456789"), 0xE3069283u);
        // Incremental equals one-shot.
        PayloadChecksum c(PayloadChecksum::Algorithm::Crc32c);
        c.addData("1234", 4);
        c.addData("56789", 5);
        QCOMPARE(QByteArray::fromBase64(c.base64Result()).toHex(), QByteArray("e3069283"));
        PayloadChecksum s(PayloadChecksum::Algorithm::Sha256);
        s.addData("abc", 3);
        QCOMPARE(QByteArray::fromBase64(s.base64Result()).toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(PayloadChecksum::fromName("x-amz-checksum-CRC32C"), PayloadChecksum::Algorithm::Crc32c);
        QCOMPARE(PayloadChecksum::fromName("x-amz-checksum-crc64nvme"), PayloadChecksum::Algorithm::Crc64Nvme);
        QVERIFY(!PayloadChecksum::fromName("crc64"));
        // CRC-64/NVME's check value (the CRC catalogue's "123456789").
        QCOMPARE(PayloadChecksum::crc64nvme("123456789"), 0xAE8B14860A799888ull);
        PayloadChecksum n(PayloadChecksum::Algorithm::Crc64Nvme);
        n.addData("12345", 5);
        n.addData("6789", 4);
        QCOMPARE(QByteArray::fromBase64(n.base64Result()).toHex(), QByteArray("ae8b14860a799888"));
        QCOMPARE(PayloadChecksum::crc64nvme(""), 0ull);
    }

    // The fast paths (PCLMULQDQ folding for CRC-32, SSE4.2 crc32 for CRC-32C, slicing tables)
    // and zlib's CRC-32 against a bit-at-a-time CRC
    // from the polynomials' definitions, at every length around the 8-, 16- and 64-byte steps,
    // from unaligned starts and fed in pieces.
    void checksumsOverLongAndOddInputs()
    {
        const auto bitwise = [](QByteArrayView data, quint64 reflectedPolynomial, int width) {
            const quint64 mask = width == 64 ? ~0ull : (1ull << width) - 1;
            quint64 c = mask;
            for (const char ch : data) {
                c ^= quint8(ch);
                for (int k = 0; k < 8; ++k)
                    c = (c & 1) ? (c >> 1) ^ reflectedPolynomial : c >> 1;
            }
            return ~c & mask;
        };
        QByteArray data(70000, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((quint32(i) * 2654435761u) >> 13);
        for (qsizetype offset : {0, 1, 3, 7}) {
            for (qsizetype size : {0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 79, 80, 127, 128, 129, 143, 191, 1000, 4097, 69000}) {
                const QByteArrayView piece(data.constData() + offset, size);
                const quint64 crc32 = bitwise(piece, 0xEDB88320u, 32);
                QCOMPARE(quint64(PayloadChecksum::crc32(piece)), crc32);
                QCOMPARE(quint64(PayloadChecksum::crc32Portable(piece)), crc32);
                QCOMPARE(quint64(PayloadChecksum::crc32(piece.sliced(size / 3), PayloadChecksum::crc32(piece.first(size / 3)))), crc32);
                const quint64 crc32c = bitwise(piece, 0x82F63B78u, 32);
                QCOMPARE(quint64(PayloadChecksum::crc32c(piece)), crc32c);
                QCOMPARE(quint64(PayloadChecksum::crc32cPortable(piece)), crc32c);
                QCOMPARE(PayloadChecksum::crc64nvme(piece), bitwise(piece, 0x9A6C9329AC4BC9B5ull, 64));
                // Split in two: the seed carries the first part's CRC into the second.
                const qsizetype half = size / 3;
                QCOMPARE(quint64(PayloadChecksum::crc32c(piece.sliced(half), PayloadChecksum::crc32c(piece.first(half)))), crc32c);
                QCOMPARE(quint64(PayloadChecksum::crc32cPortable(piece.sliced(half), PayloadChecksum::crc32cPortable(piece.first(half)))),
                         crc32c);
                QCOMPARE(PayloadChecksum::crc64nvme(piece.sliced(half), PayloadChecksum::crc64nvme(piece.first(half))),
                         bitwise(piece, 0x9A6C9329AC4BC9B5ull, 64));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstAwsChunkedDecoder)
#include "tst_aws_chunked_decoder.moc"
