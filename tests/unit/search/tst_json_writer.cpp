// JsonWriter against QJsonDocument: the same values must come out byte for byte as
// QJsonDocument::toJson(Compact) writes them (the search answer is written with JsonWriter and
// clients may compare it with what Typesense-shaped code built from QJsonObject gives).
#include "search/json_writer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using homeport::search::JsonWriter;

class JsonWriterTest : public QObject
{
    Q_OBJECT

    static QByteArray viaQt(const QJsonValue &v) { return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact); }
    static QByteArray viaWriter(const QJsonValue &v)
    {
        QByteArray out;
        JsonWriter w(&out);
        w.beginArray();
        w.value(v);
        w.endArray();
        return out;
    }
    static QByteArray stringViaWriter(const QString &s)
    {
        QByteArray out;
        JsonWriter w(&out);
        w.beginArray();
        w.string(s);
        w.endArray();
        return out;
    }
    static QByteArray numberViaWriter(double d)
    {
        QByteArray out;
        JsonWriter w(&out);
        w.beginArray();
        w.number(d);
        w.endArray();
        return out;
    }

private slots:
    void strings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("ascii") << QStringLiteral("plain words, 42 / slashes");
        QTest::newRow("quotes and backslashes") << QStringLiteral("a \"quoted\" \\path\\");
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        controls += QChar(0x7f);
        QTest::newRow("every control character and DEL") << controls;
        QTest::newRow("latin and greek") << QStringLiteral("Café naïve Ωμέγα ß");
        QTest::newRow("cjk and bmp edges") << QString::fromUtf16(u"検索 \u0800 \u07ff \uffff \ufffe \ufffd \ue000");
        QTest::newRow("surrogate pair") << QString::fromUtf16(u"emoji \U0001F600 and \U00010000 \U0010FFFF");
        QString lone;
        lone += QChar(0xd800);
        lone += u'x';
        lone += QChar(0xdc00);
        lone += QChar(0xdbff);
        lone += QChar(0xdbff);
        lone += QChar(0xdfff);
        lone += QChar(0xd83d); // a high surrogate last
        QTest::newRow("lone surrogates") << lone;
        QString reversed;
        reversed += QChar(0xdc00);
        reversed += QChar(0xd800);
        QTest::newRow("low before high") << reversed;
        QTest::newRow("html tags") << QStringLiteral("<mark>x</mark> & 'y'");
    }
    void strings()
    {
        QFETCH(QString, text);
        QCOMPARE(stringViaWriter(text), viaQt(text));
        QCOMPARE(viaWriter(text), viaQt(text));
    }

    void numbers_data()
    {
        QTest::addColumn<double>("value");
        const double values[] = {0.0, -0.0, 1.0, -1.0, 3.0, 0.1, 1.5, -2.25, 1.0 / 3.0, 1e-7, 5e-324, 1e15, 1e16, 1e17, 1e20, 1e21,
                                 1e300, 123456789012.0, 9007199254740991.0, 9007199254740992.0, 9007199254740994.0,
                                 -9007199254740992.0, -9007199254740994.0, 9.2233720368547758e18, -9.2233720368547758e18,
                                 1.8446744073709552e19, 2.5e-5, 0.000123, 123456.789, 4.35, 1234567.0e3,
                                 std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                                 std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity()};
        for (double d : values)
            QTest::newRow(QByteArray::number(d, 'g', 17).constData()) << d;
        for (int e = 0; e < 64; ++e) {
            const double p = std::ldexp(1.0, e);
            QTest::newRow(QByteArray("2^").append(QByteArray::number(e)).constData()) << p;
            QTest::newRow(QByteArray("-2^").append(QByteArray::number(e)).append("+1").constData()) << -(p + 1);
        }
    }
    void numbers()
    {
        QFETCH(double, value);
        QCOMPARE(numberViaWriter(value), viaQt(value));
        QCOMPARE(viaWriter(value), viaQt(value));
    }

    void integers()
    {
        const qint64 values[] = {0, 1, -1, 42, 1LL << 31, -(1LL << 31) - 1, (1LL << 53) + 1, -(1LL << 53) - 1, 1234567890123456789LL,
                                 std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()};
        for (qint64 n : values) {
            QByteArray out;
            JsonWriter w(&out);
            w.beginArray();
            w.integer(n);
            w.endArray();
            QCOMPARE(out, viaQt(n));
            QCOMPARE(viaWriter(n), viaQt(n));
        }
    }

    void nestedStructure()
    {
        // keys in QJsonObject's (sorted) order, written by the caller in that order
        const QJsonObject expected{{QStringLiteral("a"), QJsonArray{}},
                                   {QStringLiteral("b"), QJsonObject{}},
                                   {QStringLiteral("c"), QJsonArray{1, QJsonObject{{QStringLiteral("x"), true}}, QJsonValue::Null, false}},
                                   {QStringLiteral("d\"e"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}, {QStringLiteral("n"), 2.5}}},
                                   {QStringLiteral("é"), QJsonArray{QJsonArray{}, QJsonArray{QStringLiteral("s")}}}};
        QByteArray out;
        JsonWriter w(&out);
        w.beginObject();
        w.key(QLatin1StringView("a"));
        w.beginArray();
        w.endArray();
        w.key(QLatin1StringView("b"));
        w.beginObject();
        w.endObject();
        w.key(QLatin1StringView("c"));
        w.beginArray();
        w.integer(1);
        w.beginObject();
        w.key(QLatin1StringView("x"));
        w.boolean(true);
        w.endObject();
        w.null();
        w.boolean(false);
        w.endArray();
        w.key(QStringLiteral("d\"e"));
        w.raw(R"({"k":"v","n":2.5})");
        w.key(QStringLiteral("é"));
        w.beginArray();
        w.array(QJsonArray{});
        w.value(QJsonArray{QStringLiteral("s")});
        w.endArray();
        w.endObject();
        QCOMPARE(out, QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }

    void appendsToWhatIsThere()
    {
        QByteArray out("prefix ");
        JsonWriter w(&out);
        w.beginObject();
        w.key(QLatin1StringView("k"));
        w.string(QString(1000, QChar(0x1)));
        w.endObject();
        QCOMPARE(out, QByteArray("prefix ") + QJsonDocument(QJsonObject{{QStringLiteral("k"), QString(1000, QChar(0x1))}}).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(JsonWriterTest)
#include "tst_json_writer.moc"
