#include "search_presets.h"

namespace homeport::search {

// Shared with ApiKeyStore (a scoped key's embedded parameters).
QString paramString(const QJsonValue &v)
{
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
}

ApiError SearchPresets::upsert(const QString &name, const QJsonObject &body, QJsonObject *stored)
{
    if (!body.contains(QStringLiteral("value")))
        return ApiError::of(400, QStringLiteral("Parameter `value` is required."));
    if (!body.value(QStringLiteral("value")).isObject())
        return ApiError::of(400, QStringLiteral("Parameter `value` must be an object."));
    const QJsonObject preset{{QStringLiteral("name"), name}, {QStringLiteral("value"), body.value(QStringLiteral("value"))}};
    if (QString error = m_store.put(name, preset); !error.isEmpty())
        return ApiError::of(500, error);
    *stored = preset;
    return {};
}

ApiError SearchPresets::get(const QString &name, QJsonObject *out) const
{
    const QJsonObject *preset = m_store.find(name);
    if (!preset)
        return ApiError::of(404, QStringLiteral("Not found."));
    *out = *preset;
    return {};
}

ApiError SearchPresets::remove(const QString &name, QJsonObject *removed)
{
    const QJsonObject *preset = m_store.find(name);
    if (!preset)
        return ApiError::of(404, QStringLiteral("Not found."));
    const QJsonObject copy = *preset;
    if (QString error = m_store.remove(name); !error.isEmpty())
        return ApiError::of(500, error);
    *removed = copy;
    return {};
}

QJsonObject SearchPresets::list() const
{
    QJsonArray presets;
    for (const auto &[name, preset] : m_store.all())
        presets.append(preset);
    return QJsonObject{{QStringLiteral("presets"), presets}};
}

void SearchPresets::apply(SearchParams *params) const
{
    const QString name = params->value(QStringLiteral("preset"));
    if (name.isEmpty())
        return;
    const QJsonObject *preset = m_store.find(name);
    if (!preset)
        return;
    const QJsonObject value = preset->value(QStringLiteral("value")).toObject();
    for (auto it = value.constBegin(); it != value.constEnd(); ++it) {
        if (params->contains(it.key()) || it.value().isObject() || it.value().isArray() || it.value().isNull())
            continue;
        params->insert(it.key(), paramString(it.value()));
    }
}

QJsonArray SearchPresets::searchesOf(const QString &name) const
{
    const QJsonObject *preset = m_store.find(name);
    if (!preset)
        return {};
    return preset->value(QStringLiteral("value")).toObject().value(QStringLiteral("searches")).toArray();
}

} // namespace homeport::search
