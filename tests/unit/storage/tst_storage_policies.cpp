// The storage service's policy languages as pure units: bucket policies (what public read
// accepts and what it refuses as MalformedPolicy), browser form POST policies (expiry, eq,
// starts-with, content-length-range, fields no condition names), object tag sets (S3's limits)
// and the wildcard matching of policy resources.
#include "storage/bucket_policy.h"
#include "storage/object_tagging.h"
#include "storage/post_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace homeport::storage;

namespace {

QByteArray policyJson(const QJsonValue &statements)
{
    return QJsonDocument(QJsonObject{{"Version", "2012-10-17"}, {"Statement", statements}}).toJson();
}

QJsonObject statement(const QJsonValue &action, const QJsonValue &resource, const QJsonValue &principal = QStringLiteral("*"),
                      const QString &effect = QStringLiteral("Allow"))
{
    return QJsonObject{{"Sid", "PublicRead"}, {"Effect", effect}, {"Principal", principal}, {"Action", action}, {"Resource", resource}};
}

QByteArray postPolicy(const QJsonArray &conditions, const QDateTime &expiration)
{
    return QJsonDocument(QJsonObject{{"expiration", expiration.toString(Qt::ISODateWithMs)}, {"conditions", conditions}})
        .toJson(QJsonDocument::Compact)
        .toBase64();
}

} // namespace

class TstStoragePolicies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publicReadPolicyIsAccepted()
    {
        QString error;
        const auto policy = parseBucketPolicy(policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::photos/*")}), "photos", &error);
        QVERIFY2(policy, qPrintable(error));
        QVERIFY(policy->isPublic());
        QVERIFY(!policy->listable);
        QVERIFY(policy->allowsGetObject("a/b/c.jpg"));
        QVERIFY(policy->allowsGetObject(""));

        // Principal {"AWS": "*"}, one statement as an object, actions as a list with ListBucket.
        const QJsonObject both = statement(QJsonArray{"s3:GetObject", "s3:ListBucket"},
                                           QJsonArray{"arn:aws:s3:::photos", "arn:aws:s3:::photos/public/*"},
                                           QJsonObject{{"AWS", QJsonArray{"*"}}});
        const auto listed = parseBucketPolicy(QJsonDocument(QJsonObject{{"Statement", both}}).toJson(), "photos", &error);
        QVERIFY2(listed, qPrintable(error));
        QVERIFY(listed->listable);
        QVERIFY(listed->allowsGetObject("public/x.png"));
        QVERIFY(!listed->allowsGetObject("private/x.png"));
        QVERIFY(!listed->allowsGetObject("public")); // the pattern needs the slash
    }

    void unsupportedPoliciesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("[1,2]") << "valid JSON";
        QTest::newRow("deny") << policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::photos/*", "*", "Deny")}) << "Allow";
        QTest::newRow("named principal")
            << policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::photos/*", QJsonObject{{"AWS", "arn:aws:iam::1:root"}})})
            << "principal";
        QTest::newRow("write action") << policyJson(QJsonArray{statement("s3:PutObject", "arn:aws:s3:::photos/*")}) << "action";
        QTest::newRow("wildcard action") << policyJson(QJsonArray{statement("s3:*", "arn:aws:s3:::photos/*")}) << "action";
        QTest::newRow("other bucket") << policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::other/*")}) << "resource";
        QTest::newRow("prefix of the name")
            << policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::photos-private/*")}) << "resource";
        QTest::newRow("get on bucket") << policyJson(QJsonArray{statement("s3:GetObject", "arn:aws:s3:::photos")}) << "s3:GetObject";
        QTest::newRow("list on objects") << policyJson(QJsonArray{statement("s3:ListBucket", "arn:aws:s3:::photos/*")}) << "s3:ListBucket";
        QJsonObject withCondition = statement("s3:GetObject", "arn:aws:s3:::photos/*");
        withCondition.insert("Condition", QJsonObject{{"IpAddress", QJsonObject{{"aws:SourceIp", "10.0.0.0/8"}}}});
        QTest::newRow("condition") << policyJson(QJsonArray{withCondition}) << "Condition";
        QTest::newRow("no statements") << policyJson(QJsonArray{}) << "Statement";
        QTest::newRow("bad version")
            << QJsonDocument(QJsonObject{{"Version", "2020-01-01"}, {"Statement", statement("s3:GetObject", "arn:aws:s3:::photos/*")}}).toJson()
            << "version";
        QTest::newRow("too large") << QByteArray(21 * 1024, ' ') << "20 KB";
    }

    void unsupportedPoliciesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!parseBucketPolicy(json, "photos", &error));
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
    }

    void globMatching()
    {
        QVERIFY(globMatch("*", "anything/at/all"));
        QVERIFY(globMatch("a*c", "abbbc"));
        QVERIFY(globMatch("a?c", "abc"));
        QVERIFY(!globMatch("a?c", "ac"));
        QVERIFY(globMatch("img/*.png", "img/2026/x.png"));
        QVERIFY(!globMatch("img/*.png", "img/x.jpg"));
        QVERIFY(globMatch("exact", "exact"));
        QVERIFY(!globMatch("exact", "exactly"));
        QVERIFY(globMatch("**a", "bbba"));
    }

    void postPolicyConditions()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonArray conditions{
            QJsonObject{{"bucket", "uploads"}},
            QJsonArray{"starts-with", "$key", "user/42/"},
            QJsonArray{"eq", "$Content-Type", "image/png"},
            QJsonArray{"content-length-range", 1, 1048576},
            QJsonObject{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}},
            QJsonObject{{"x-amz-credential", "AK/20261128/us-east-1/s3/aws4_request"}},
            QJsonObject{{"x-amz-date", "20261128T140000Z"}},
        };
        QString error;
        const auto policy = PostPolicy::parse(postPolicy(conditions, now.addSecs(600)), &error);
        QVERIFY2(policy, qPrintable(error));
        QCOMPARE(policy->minLength, 1);
        QCOMPARE(policy->maxLength, 1048576);

        FormFields fields{{"key", "user/42/a.png"}, {"content-type", "image/png"}, {"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
                          {"x-amz-credential", "AK/20261128/us-east-1/s3/aws4_request"}, {"x-amz-date", "20261128T140000Z"},
                          {"policy", "..."}, {"x-amz-signature", "..."}, {"x-ignore-tracking", "1"}};
        QVERIFY2(policy->check(fields, "uploads", now, &error), qPrintable(error));

        QVERIFY(!policy->check(fields, "other-bucket", now, &error));
        QVERIFY2(error.contains("$bucket"), qPrintable(error));
        // A bucket field naming the policy's bucket does not let the form land in another one.
        FormFields namingBucket = fields;
        namingBucket.append(qMakePair(QByteArray("bucket"), QByteArray("uploads")));
        QVERIFY2(policy->check(namingBucket, "uploads", now, &error), qPrintable(error));
        QVERIFY(!policy->check(namingBucket, "other-bucket", now, &error));

        FormFields wrongKey = fields;
        wrongKey[0].second = "user/43/a.png";
        QVERIFY(!policy->check(wrongKey, "uploads", now, &error));
        QVERIFY2(error.contains("starts-with") && error.contains("$key"), qPrintable(error));

        FormFields wrongType = fields;
        wrongType[1].second = "text/html";
        QVERIFY(!policy->check(wrongType, "uploads", now, &error));

        FormFields extra = fields;
        extra.append(qMakePair(QByteArray("x-amz-meta-owner"), QByteArray("mallory")));
        QVERIFY(!policy->check(extra, "uploads", now, &error));
        QVERIFY2(error.contains("Extra input fields: x-amz-meta-owner"), qPrintable(error));

        QVERIFY(!policy->check(fields, "uploads", now.addSecs(601), &error));
        QVERIFY2(error.contains("expired"), qPrintable(error));
    }

    void malformedPostPolicies()
    {
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(60);
        QString error;
        QVERIFY(!PostPolicy::parse("not base64 !!", &error));
        QVERIFY(!PostPolicy::parse(QByteArray("{}").toBase64(), &error));
        QVERIFY(!PostPolicy::parse(QJsonDocument(QJsonObject{{"conditions", QJsonArray{}}}).toJson().toBase64(), &error));
        QVERIFY(!PostPolicy::parse(postPolicy(QJsonArray{QJsonArray{"content-length-range", 10, 1}}, later), &error));
        QVERIFY(!PostPolicy::parse(postPolicy(QJsonArray{QJsonArray{"matches", "$key", ".*"}}, later), &error));
        QVERIFY(!PostPolicy::parse(postPolicy(QJsonArray{QJsonArray{"eq", "key", "x"}}, later), &error));
        QVERIFY(!PostPolicy::parse(postPolicy(QJsonArray{QJsonObject{{"a", "1"}, {"b", "2"}}}, later), &error));
        // content-length-range bounds as strings, as some form builders send them.
        const auto asStrings = PostPolicy::parse(postPolicy(QJsonArray{QJsonArray{"content-length-range", "0", "10"}}, later), &error);
        QVERIFY2(asStrings, qPrintable(error));
        QCOMPARE(asStrings->maxLength, 10);
    }

    void tagSets()
    {
        TagProblem problem;
        const auto fromHeader = parseTaggingHeader("project=blue%20sky&owner=ana&empty=", &problem);
        QVERIFY(fromHeader);
        QCOMPARE(fromHeader->size(), 3);
        QCOMPARE(fromHeader->at(0).second, QStringLiteral("blue sky"));
        QCOMPARE(decodeTagQuery(encodeTagQuery(*fromHeader)), *fromHeader);

        const auto fromXml = parseTaggingXml("<Tagging><TagSet><Tag><Key>a&amp;b</Key><Value>ü</Value></Tag></TagSet></Tagging>", &problem);
        QVERIFY(fromXml);
        QCOMPARE(fromXml->at(0).first, QStringLiteral("a&b"));
        QCOMPARE(fromXml->at(0).second, QStringLiteral("ü"));
        QVERIFY(taggingXml(*fromXml).contains("<Key>a&amp;b</Key>"));

        QByteArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven += "k" + QByteArray::number(i) + "=v&";
        QVERIFY(!parseTaggingHeader(eleven, &problem));
        QCOMPARE(problem.code, QByteArray("InvalidTag"));
        QVERIFY(parseTaggingHeader(QByteArray(128, 'k') + '=' + QByteArray(256, 'v'), &problem));
        QVERIFY(!parseTaggingHeader(QByteArray(129, 'k') + "=v", &problem));
        QVERIFY(!parseTaggingHeader("k=" + QByteArray(257, 'v'), &problem));
        // 128 characters, not bytes: 128 two-byte letters are allowed.
        QVERIFY(parseTaggingHeader(QString(128, QChar(u'é')).toUtf8().toPercentEncoding() + "=v", &problem));
        QVERIFY(!parseTaggingHeader("same=1&same=2", &problem));
        QVERIFY(problem.message.contains("same key"));
        QVERIFY(!parseTaggingXml("<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>", &problem));
        QVERIFY(!parseTaggingXml("<Tagging><TagSet><Tag>", &problem));
        QCOMPARE(problem.code, QByteArray("MalformedXML"));
    }
};

QTEST_GUILESS_MAIN(TstStoragePolicies)
#include "tst_storage_policies.moc"
