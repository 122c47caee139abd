#pragma once
// Client settings: what an app needs to talk to Homeport instead of the managed product, in the
// shape each ecosystem uses. Shown by `homeport --print-env` and the console's Connect dialog.
// Thread affinity: none (pure functions over a value).

#include "secrets.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace homeport::core {

enum class EnvFormat { Laravel, Node, Python, Shell };

struct ClientSettings {
    QString host;                   // what clients dial: the bind address, or 127.0.0.1 for "any"
    QMap<QString, quint16> ports;   // service -> port
    QStringList tlsServices;        // services serving TLS (a certificate and key are set): https
    Secrets secrets;
};

bool parseEnvFormat(const QString &text, EnvFormat *format);
QString envFormatName(EnvFormat format);
QStringList envFormatNames();

// The settings for one service, or for every service in `settings.ports` when `service` is empty.
QString renderClientSettings(EnvFormat format, const ClientSettings &settings, const QString &service = {});

} // namespace homeport::core
