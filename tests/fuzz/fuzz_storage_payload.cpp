// libFuzzer target: the storage service's byte-level parsers. The first input byte picks one:
//  0: SigV4 over a request made from the input (method, path, query, header lines): verify must
//     not crash, and the canonical path is a fixpoint (canonicalising it again changes nothing);
//  1: the aws-chunked decoder, unsigned: the result must not depend on how the body is split;
//  2: the aws-chunked decoder with chunk signatures (AWS's example key and seed);
//  3: a browser form upload (multipart/form-data, boundary "XyZ"): the fields, the file's bytes
//     and the outcome must not depend on how the body is split.
// Thread affinity: the fuzzer's one thread.
#include "storage/aws_chunked_decoder.h"
#include "storage/post_object_receiver.h"
#include "storage/sigv4.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace homeport::storage;

namespace {

struct Decoded
{
    bool ok = false;
    QByteArray data;
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
    out.trailers = decoder.trailers();
    return out;
}

struct Form
{
    QByteArray code;
    FormFields fields;
    QByteArray fileName;
    QByteArray file;
    bool operator==(const Form &) const = default;
};

Form parseForm(const QByteArray &body, qsizetype piece)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("form"));
    Form out;
    {
        PostObjectReceiver receiver("multipart/form-data; boundary=XyZ", path, 1 << 20,
                                    [](const FormFields &) { return PostFormVerdict{}; });
        for (qsizetype i = 0; i < body.size(); i += piece)
            receiver.write(body.constData() + i, qMin(piece, body.size() - i));
        receiver.finish();
        out.code = receiver.errorCode();
        out.fields = receiver.fields();
        out.fileName = receiver.fileName();
        QString error;
        if (!receiver.failed() && receiver.closeFile(&error)) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                out.file = file.readAll();
            if (out.file.size() != receiver.size())
                abort();
        }
    }
    QFile::remove(path);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const int mode = data[0] % 4;
    if (mode == 0) {
        const QByteArrayList lines = input.split('\n');
        SignedRequest request;
        request.method = lines.value(0);
        request.rawPath = lines.value(1);
        request.rawQuery = lines.value(2);
        for (qsizetype i = 3; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.append({lines[i].left(colon), lines[i].mid(colon + 1)});
        }
        const QByteArray canonical = sigv4::canonicalUri(request.rawPath);
        if (sigv4::canonicalUri(canonical) != canonical)
            abort();
        sigv4::canonicalQuery(request.rawQuery, true);
        sigv4::verify(request, [](const QByteArray &) { return std::optional<QByteArray>("secret"); },
                      QDateTime::fromMSecsSinceEpoch(1'369'353'600'000, Qt::UTC));
    } else if (mode == 1) {
        const Decoded whole = decode(input, std::nullopt, qMax<qsizetype>(1, input.size()));
        const Decoded pieces = decode(input, std::nullopt, 1 + data[1] % 7);
        if (whole.ok != pieces.ok || (whole.ok && (whole.data != pieces.data || whole.trailers != pieces.trailers)))
            abort();
    } else if (mode == 3) {
        if (!(parseForm(input, qMax<qsizetype>(1, input.size())) == parseForm(input, 1 + data[1] % 13)))
            abort();
    } else {
        const AwsChunkedDecoder::Signing signing{
            sigv4::signingKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3"),
            "20130524T000000Z", "20130524/us-east-1/s3/aws4_request",
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"};
        decode(input, signing, 1 + data[1] % 64);
    }
    return 0;
}
