#include "settings.h"

#include "service_catalog.h"

#include <QSettings>

namespace homeport::core {

namespace {
QString fullKey(const QString &section, const QString &key)
{
    return section + QLatin1Char('/') + key;
}

// A hand-written [general] section is read by QSettings as top-level keys, while QSettings itself
// writes the group "general" as [%General]; both are the file's general/<key>.
bool isGeneralSection(const QString &section)
{
    return section.compare(QLatin1String("general"), Qt::CaseInsensitive) == 0;
}

QString fileKey(const QSettings &file, const QString &section, const QString &key)
{
    const QString full = fullKey(section, key);
    if (isGeneralSection(section) && !file.contains(full) && file.contains(key))
        return key;
    return full;
}
} // namespace

Settings::Settings(const QString &iniPath, const QProcessEnvironment &environment)
    : m_file(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
    , m_environment(environment)
{
}

Settings::~Settings() = default;

void Settings::setFilePath(const QString &iniPath)
{
    m_file->sync();
    m_file = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
}

void Settings::reload()
{
    m_file->sync();
}

QString Settings::filePath() const
{
    return m_file->fileName();
}

QString Settings::environmentName(const QString &section, const QString &key)
{
    QString name = QStringLiteral("HOMEPORT_") + section.toUpper() + QLatin1Char('_') + key.toUpper();
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    return name;
}

QVariant Settings::value(const QString &section, const QString &key, const QVariant &fallback) const
{
    const QString k = fullKey(section, key);
    if (const auto it = m_overrides.constFind(k); it != m_overrides.cend())
        return it.value();
    const QString env = environmentName(section, key);
    if (m_environment.contains(env))
        return m_environment.value(env);
    return m_file->value(fileKey(*m_file, section, key), fallback);
}

QString Settings::sourceOf(const QString &section, const QString &key) const
{
    const QString k = fullKey(section, key);
    if (m_overrides.contains(k))
        return QStringLiteral("flag");
    if (m_environment.contains(environmentName(section, key)))
        return QStringLiteral("environment");
    if (m_file->contains(fileKey(*m_file, section, key)))
        return QStringLiteral("file");
    return QStringLiteral("default");
}

QVariantMap Settings::section(const QString &section) const
{
    QVariantMap out;
    QStringList fileKeys;
    if (isGeneralSection(section))
        fileKeys = m_file->childKeys(); // a hand-written [general]
    m_file->beginGroup(section);
    fileKeys += m_file->childKeys();
    m_file->endGroup();
    fileKeys.removeDuplicates();
    for (const QString &key : fileKeys)
        out.insert(key, value(section, key));

    const QString envPrefix = environmentName(section, QString());
    const QStringList envKeys = m_environment.keys();
    for (const QString &env : envKeys) {
        if (env.startsWith(envPrefix) && env.size() > envPrefix.size()) {
            const QString key = env.mid(envPrefix.size()).toLower();
            out.insert(key, value(section, key));
        }
    }
    const QString prefix = section + QLatin1Char('/');
    for (auto it = m_overrides.cbegin(); it != m_overrides.cend(); ++it) {
        if (it.key().startsWith(prefix))
            out.insert(it.key().mid(prefix.size()), it.value());
    }
    return out;
}

void Settings::setOverride(const QString &section, const QString &key, const QVariant &value)
{
    m_overrides.insert(fullKey(section, key), value);
}

bool Settings::setValue(const QString &section, const QString &key, const QVariant &value, QString *error)
{
    m_file->setValue(fullKey(section, key), value);
    m_file->sync();
    if (m_file->status() != QSettings::NoError) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(m_file->fileName());
        return false;
    }
    return true;
}

bool Settings::serviceEnabled(const QString &service) const
{
    const QVariant v = value(service, QStringLiteral("enabled"), true);
    const QString text = v.toString().trimmed().toLower();
    return !(text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no")
             || text == QLatin1String("off"));
}

quint16 Settings::servicePort(const QString &service) const
{
    const ServiceInfo *info = findService(service);
    const quint16 fallback = info ? info->defaultPort : 0;
    bool ok = false;
    const int port = value(service, QStringLiteral("port"), fallback).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? quint16(port) : fallback;
}

QHostAddress Settings::bindAddress() const
{
    const QHostAddress address(value(QStringLiteral("general"), QStringLiteral("bind"), QStringLiteral("127.0.0.1")).toString());
    return address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address;
}

quint16 Settings::adminPort() const
{
    bool ok = false;
    const int port = value(QStringLiteral("admin"), QStringLiteral("port"), kDefaultAdminPort).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? quint16(port) : kDefaultAdminPort;
}

bool Settings::serviceServesTls(const QString &service) const
{
    return !value(service, QStringLiteral("tls_cert")).toString().isEmpty()
        && !value(service, QStringLiteral("tls_key")).toString().isEmpty();
}

} // namespace homeport::core
