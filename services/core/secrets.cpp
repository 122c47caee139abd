#include "secrets.h"

#include "atomic_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace homeport::core {

namespace {

constexpr QStringView kAlphanumeric = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr QStringView kLowerHex = u"0123456789abcdef";
constexpr QStringView kUpperAlphanumeric = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct SecretSpec {
    const char *service;
    const char *key;
    QString (*generate)();
};

// Formats follow what each protocol's clients accept: Pusher app keys and secrets are 20 hex
// characters, Sentry DSN keys 32 hex, AWS access keys 20 upper-case alphanumerics with 40-character
// secrets, OpenAI-style keys start with "sk-".
const SecretSpec kSpecs[] = {
    {"channels", "app_id", [] { return QString::number(QRandomGenerator::system()->bounded(100000, 999999)); }},
    {"channels", "app_key", [] { return Secrets::randomToken(20, kLowerHex); }},
    {"channels", "app_secret", [] { return Secrets::randomToken(20, kLowerHex); }},
    {"errors", "project_id", [] { return QStringLiteral("1"); }},
    {"errors", "public_key", [] { return Secrets::randomToken(32, kLowerHex); }},
    {"search", "api_key", [] { return Secrets::randomToken(32); }},
    {"storage", "access_key", [] { return QStringLiteral("HP") + Secrets::randomToken(18, kUpperAlphanumeric); }},
    {"storage", "secret_key", [] { return Secrets::randomToken(40); }},
    {"inference", "api_key", [] { return QStringLiteral("sk-hp-") + Secrets::randomToken(40); }},
    {"admin", "token", [] { return Secrets::randomToken(32); }},
};

} // namespace

QString Secrets::randomToken(int length, QStringView alphabet)
{
    if (alphabet.isEmpty())
        alphabet = kAlphanumeric;
    QString out(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        out[i] = alphabet[QRandomGenerator::system()->bounded(int(alphabet.size()))];
    return out;
}

bool Secrets::loadOrCreate(const QString &path, Secrets *out, QString *error)
{
    QJsonObject root;
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            // Never overwrite a damaged secrets file: apps are configured with those keys.
            *error = QStringLiteral("%1 is damaged (%2); fix or remove it").arg(path, parseError.errorString());
            return false;
        }
        root = doc.object();
        file.close();
    }

    bool changed = false;
    for (const SecretSpec &spec : kSpecs) {
        const QString service = QString::fromLatin1(spec.service);
        const QString key = QString::fromLatin1(spec.key);
        QJsonObject section = root.value(service).toObject();
        if (section.value(key).toString().isEmpty()) {
            section.insert(key, spec.generate());
            root.insert(service, section);
            changed = true;
        }
    }
    if (changed || (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))) {
        const QString reason =
            writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), 0600);
        if (!reason.isEmpty()) {
            *error = reason;
            return false;
        }
    }

    Secrets loaded;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it)
        loaded.m_values.insert(it.key(), it.value().toObject().toVariantMap());
    *out = loaded;
    return true;
}

QString Secrets::value(const QString &service, const QString &key) const
{
    return m_values.value(service).value(key).toString();
}

QVariantMap Secrets::service(const QString &service) const
{
    return m_values.value(service);
}

} // namespace homeport::core
