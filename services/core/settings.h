#pragma once
// Settings: one INI file in the data dir, overridden by HOMEPORT_<SECTION>_<KEY> environment
// variables, overridden in turn by command-line flags (design.md, decision 5).
// Thread affinity: the thread that owns it (the main thread). Services never read it directly:
// they get an immutable ServiceContext built from it when they start.

#include <QHash>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace homeport::core {

class Settings
{
public:
    explicit Settings(const QString &iniPath,
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    ~Settings();

    QString filePath() const;

    // Value after precedence: flag override > environment > file > fallback.
    QVariant value(const QString &section, const QString &key, const QVariant &fallback = {}) const;
    // Where the effective value comes from: "flag", "environment", "file" or "default".
    QString sourceOf(const QString &section, const QString &key) const;
    // Every key of a section, with overrides applied; services get this as their configuration.
    QVariantMap section(const QString &section) const;

    // Command-line flags win over everything and are never written to the file.
    void setOverride(const QString &section, const QString &key, const QVariant &value);
    // Writes to the INI file (what the Settings page does). Returns false with a reason on failure.
    bool setValue(const QString &section, const QString &key, const QVariant &value, QString *error = nullptr);
    // Re-reads the INI file after someone else edited it (SIGHUP in headless mode).
    void reload();
    // Reads and writes another file from now on (the data dir moved); overrides stay.
    void setFilePath(const QString &iniPath);

    // Typed accessors for what the host needs; defaults come from the service catalog.
    bool serviceEnabled(const QString &service) const;
    quint16 servicePort(const QString &service) const;
    QHostAddress bindAddress() const;   // general/bind, 127.0.0.1 unless configured
    quint16 adminPort() const;          // admin/port, 9601 unless configured
    // Both tls_cert and tls_key set in the service's section: its HTTP engine serves TLS only.
    bool serviceServesTls(const QString &service) const;

    static QString environmentName(const QString &section, const QString &key);

private:
    std::unique_ptr<QSettings> m_file;
    QProcessEnvironment m_environment;
    QHash<QString, QVariant> m_overrides; // "section/key" -> value
};

} // namespace homeport::core
