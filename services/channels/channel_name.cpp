#include "channel_name.h"

namespace homeport::channels {

ChannelName::ChannelName(const QString &name)
{
    if (name.startsWith(kServerToUserPrefix))
        m_type = Type::ServerToUser;
    else if (name.startsWith(QLatin1String("private-encrypted-")))
        m_type = Type::Encrypted;
    else if (name.startsWith(QLatin1String("private-")))
        m_type = Type::Private;
    else if (name.startsWith(QLatin1String("presence-")))
        m_type = Type::Presence;
    m_cache = name.startsWith(QLatin1String("cache-")) || name.startsWith(QLatin1String("private-cache-"))
              || name.startsWith(QLatin1String("private-encrypted-cache-"))
              || name.startsWith(QLatin1String("presence-cache-"));
}

QString ChannelName::typeName() const
{
    if (m_cache)
        return QStringLiteral("cache");
    switch (m_type) {
    case Type::Public:
        return QStringLiteral("public");
    case Type::Private:
        return QStringLiteral("private");
    case Type::Presence:
        return QStringLiteral("presence");
    case Type::Encrypted:
        return QStringLiteral("encrypted");
    case Type::ServerToUser:
        return QStringLiteral("user");
    }
    return {};
}

QString ChannelName::validate(const QString &name, int maxLength)
{
    if (name.isEmpty())
        return QStringLiteral("channel name is empty");
    if (name.size() > maxLength)
        return QStringLiteral("channel name is longer than %1 characters").arg(maxLength);
    const qsizetype start = name.startsWith(kServerToUserPrefix) ? kServerToUserPrefix.size() : 0;
    if (start && start == name.size())
        return QStringLiteral("channel name has no user id");
    for (qsizetype i = start; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                             || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringView(u"_-=@,.;").contains(c);
        if (!allowed)
            return QStringLiteral("channel name contains '%1'; allowed are A-Z a-z 0-9 _ - = @ , . ;").arg(c);
    }
    return {};
}

} // namespace homeport::channels
