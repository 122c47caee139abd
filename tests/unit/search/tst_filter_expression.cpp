// FilterExpression: the filter_by grammar (token/exact/!=, lists, numeric comparisons and ranges,
// && || and parentheses, backticks, prefixes) and its errors.
#include "search/filter_expression.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace homeport::search;

namespace {

bool lookup(const QString &field, FilterKind *kind)
{
    if (field == "price" || field == "year") { *kind = FilterKind::Number; return true; }
    if (field == "in_stock") { *kind = FilterKind::Bool; return true; }
    if (field == "loc") { *kind = FilterKind::Geo; return true; }
    if (field == "brand" || field == "tags" || field == "title") { *kind = FilterKind::String; return true; }
    if (field == "pets.kind" || field == "owner.name") { *kind = FilterKind::String; return true; }
    if (field == "pets.age") { *kind = FilterKind::Number; return true; }
    return false;
}

const QJsonObject kDoc{{"price", 25}, {"year", 2020}, {"in_stock", true}, {"brand", "Acme Corp"},
                       {"tags", QJsonArray{"red", "Big Sale"}}, {"title", "The (best) item, ever"},
                       {"loc", QJsonArray{48.8566, 2.3522}}, // Paris
                       {"pets", QJsonArray{QJsonObject{{"kind", "cat"}, {"age", 3}}, QJsonObject{{"kind", "dog"}, {"age", 9}}}},
                       {"owner", QJsonObject{{"name", "Ann"}}}};

bool eval(const QString &filter)
{
    FilterExpression f;
    int status = 0;
    QString message;
    if (!f.parse(filter, lookup, &status, &message))
        qFatal("parse failed: %s", qPrintable(message));
    return f.matches(kDoc, TextAnalyzer());
}

} // namespace

class TstFilterExpression : public QObject
{
    Q_OBJECT
private slots:
    void clauses_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("expected");
        QTest::newRow("token") << "brand:acme" << true;
        QTest::newRow("token miss") << "brand:widget" << false;
        QTest::newRow("exact") << "brand:=Acme Corp" << true;
        QTest::newRow("exact partial") << "brand:=Acme" << false;
        QTest::newRow("not equal") << "brand:!=Acme Corp" << false;
        QTest::newRow("not equal other") << "brand:!=Other" << true;
        QTest::newRow("prefix") << "brand:Acm*" << true;
        QTest::newRow("string list") << "tags:[blue, red]" << true;
        QTest::newRow("string list miss") << "tags:[blue, green]" << false;
        QTest::newRow("array phrase") << "tags:big sale" << true;
        QTest::newRow("backticks") << "title:=`The (best) item, ever`" << true;
        QTest::newRow("backticks in list") << "title:[`The (best) item, ever`, other]" << true;
        QTest::newRow("num eq") << "price:25" << true;
        QTest::newRow("num :=") << "price:=25" << true;
        QTest::newRow("num >") << "price:>20" << true;
        QTest::newRow("num >=") << "price:>=25" << true;
        QTest::newRow("num <") << "price:<25" << false;
        QTest::newRow("num <=") << "price:<=25" << true;
        QTest::newRow("num !=") << "price:!=25" << false;
        QTest::newRow("range") << "price:[10..30]" << true;
        QTest::newRow("range miss") << "price:[26..30]" << false;
        QTest::newRow("range :=") << "price:=[10..30]" << true;
        QTest::newRow("range := miss") << "price:=[26..30]" << false;
        QTest::newRow("range !=") << "price:!=[10..30]" << false;
        QTest::newRow("mixed list") << "price:[<10, 20..24, 25]" << true;
        QTest::newRow("num list") << "year:[2019, 2021]" << false;
        QTest::newRow("bool") << "in_stock:true" << true;
        QTest::newRow("bool false") << "in_stock:false" << false;
        QTest::newRow("and") << "price:>20 && brand:acme" << true;
        QTest::newRow("and miss") << "price:>20 && brand:other" << false;
        QTest::newRow("or") << "price:>100 || brand:acme" << true;
        QTest::newRow("parens") << "(price:>100 || brand:acme) && year:2020" << true;
        QTest::newRow("parens miss") << "price:>100 || (brand:acme && year:2021)" << false;
        QTest::newRow("spaces") << "  price : > 20  " << true;
        // 48.90, 2.35 is about 4.8 km north of the document's point
        QTest::newRow("geo radius") << "loc:(48.8566, 2.3522, 1 km)" << true;
        QTest::newRow("geo radius miss") << "loc:(48.90, 2.35, 1 km)" << false;
        QTest::newRow("geo km") << "loc:(48.90, 2.35, 5 km)" << true;
        QTest::newRow("geo km no space") << "loc:(48.90, 2.35, 5km)" << true;
        QTest::newRow("geo mi") << "loc:(48.90, 2.35, 4 mi)" << true;
        QTest::newRow("geo mi miss") << "loc:(48.90, 2.35, 2 mi)" << false;
        QTest::newRow("geo radius option") << "loc:([48.90, 2.35], radius: 5 km)" << true;
        QTest::newRow("geo exact_filter_radius") << "loc:([48.90, 2.35], radius: 1 km, exact_filter_radius: 10 km)" << false;
        QTest::newRow("geo polygon") << "loc:(48.8, 2.3, 48.9, 2.3, 48.9, 2.4, 48.8, 2.4)" << true;
        QTest::newRow("geo polygon brackets") << "loc:([48.8, 2.3, 48.9, 2.3, 48.9, 2.4])" << true;
        QTest::newRow("geo polygon miss") << "loc:(51.4, -0.2, 51.6, -0.2, 51.6, 0.0, 51.4, 0.0)" << false;
        QTest::newRow("geo list") << "loc:[(51.5, -0.12, 10 km), (48.85, 2.35, 2 km)]" << true;
        QTest::newRow("geo and") << "loc:(48.85, 2.35, 2 km) && price:25" << true;
        QTest::newRow("geo in parens") << "(loc:(51.5, -0.12, 10 km) || brand:acme)" << true;
    }
    void clauses()
    {
        QFETCH(QString, filter);
        QFETCH(bool, expected);
        QCOMPARE(eval(filter), expected);
    }
    void errors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString parse = QStringLiteral("Could not parse the filter query.");
        QTest::newRow("unknown field") << "colour:red" << 404 << "Could not find a filter field named `colour` in the schema.";
        QTest::newRow("no colon") << "price" << 400 << parse;
        QTest::newRow("unclosed paren") << "(price:>1" << 400 << parse;
        QTest::newRow("unclosed list") << "price:[1,2" << 400 << parse;
        QTest::newRow("not a number") << "price:>abc" << 400 << parse;
        QTest::newRow("bad bool") << "in_stock:maybe" << 400 << parse;
        QTest::newRow("dangling and") << "price:>1 &&" << 400 << parse;
        QTest::newRow("empty value") << "brand:" << 400 << parse;
        QTest::newRow("unclosed backtick") << "brand:`acme" << 400 << parse;
        const QString geoFormat = QStringLiteral(
            "Value of filter field `loc`: must be in the `([-44.50, 170.29], radius: 0.75 km, exact_filter_radius: 5 km)` "
            "or ([56.33, -65.97, 23.82, -127.82], exact_filter_radius: 7 km) format.");
        const QString unit = QStringLiteral("Unit must be either `km` or `mi`.");
        QTest::newRow("geo unit") << "loc:(48.85, 2.35, 5 kilometers)" << 400 << unit;
        QTest::newRow("geo unit option") << "loc:([48.85, 2.35], radius: 5 m)" << 400 << unit;
        QTest::newRow("geo not a number") << "loc:(48.85, abc, 5 km)" << 400 << geoFormat;
        QTest::newRow("geo two numbers") << "loc:(48.85, 2.35)" << 400 << geoFormat;
        QTest::newRow("geo no parens") << "loc:48.85" << 400 << geoFormat;
        QTest::newRow("geo latitude") << "loc:(95, 2.35, 5 km)" << 400 << geoFormat;
        QTest::newRow("geo unclosed") << "loc:(48.85, 2.35, 5 km" << 400 << geoFormat;
    }
    void errors()
    {
        QFETCH(QString, filter);
        QFETCH(int, status);
        QFETCH(QString, message);
        FilterExpression f;
        int gotStatus = 0;
        QString gotMessage;
        QVERIFY(!f.parse(filter, lookup, &gotStatus, &gotMessage));
        QCOMPARE(gotStatus, status);
        QCOMPARE(gotMessage, message);
    }
    void randomInputNeverCrashes()
    {
        // A small stand-in for the fuzz target: grammar characters in random order either parse
        // or fail with one of the two documented errors.
        static const QString alphabet = QStringLiteral("price year brand in_stock loc :=!<>[](),.`*&|  1 2 acme true - km");
        QRandomGenerator rng(42);
        for (int round = 0; round < 5000; ++round) {
            QString text;
            const int len = int(rng.bounded(40));
            for (int i = 0; i < len; ++i)
                text += alphabet[int(rng.bounded(alphabet.size()))];
            FilterExpression f;
            int status = 0;
            QString message;
            if (f.parse(text, lookup, &status, &message)) {
                f.matches(kDoc, TextAnalyzer());
            } else {
                QVERIFY2(status == 400 || status == 404, qPrintable(text));
                QVERIFY(!message.isEmpty());
            }
        }
    }

    void elementConditionsHoldForOneElement()
    {
        // Each condition alone finds an element; together only if one element holds both.
        QVERIFY(eval(QStringLiteral("pets.{kind:=dog && age:>5}")));
        QVERIFY(!eval(QStringLiteral("pets.{kind:=cat && age:>5}")));
        QVERIFY(eval(QStringLiteral("pets.{kind:=cat || age:>5} && brand:Acme")));
        QVERIFY(eval(QStringLiteral("(price:<30 && pets.{ kind:[dog, fish] })")));
        QVERIFY(eval(QStringLiteral("owner.{name:=Ann}")));
        QVERIFY(!eval(QStringLiteral("pets.{kind:=bird}")));
        FilterExpression f;
        int status = 0;
        QString message;
        QVERIFY(!f.parse(QStringLiteral("pets.{kind:=dog"), lookup, &status, &message));
        QCOMPARE(status, 400);
        QVERIFY(!f.parse(QStringLiteral("pets.{colour:=red}"), lookup, &status, &message));
        QCOMPARE(status, 404);
        QCOMPARE(message, QStringLiteral("Could not find a filter field named `pets.colour` in the schema."));
    }

    void emptyMatchesAll()
    {
        FilterExpression f;
        int s = 0;
        QString m;
        QVERIFY(f.parse(QStringLiteral("  "), lookup, &s, &m));
        QVERIFY(f.isEmpty());
        QVERIFY(f.matches(kDoc, TextAnalyzer()));
    }
};

QTEST_APPLESS_MAIN(TstFilterExpression)
#include "tst_filter_expression.moc"
