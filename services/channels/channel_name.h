#pragma once
// ChannelName: what a channel's name says about it (type, cache flag) and whether it is valid
// (docs channels.md: [A-Za-z0-9_\-=@,.;], at most 164 characters by default).
// Thread affinity: none (a value).

#include <QString>

namespace homeport::channels {

class ChannelName
{
public:
    enum class Type { Public, Private, Presence, Encrypted, ServerToUser };

    explicit ChannelName(const QString &name);

    Type type() const { return m_type; }
    // cache-, private-cache-, private-encrypted-cache-, presence-cache-
    bool isCache() const { return m_cache; }
    // Private, presence and encrypted channels need a signed auth to subscribe.
    bool needsAuth() const { return m_type == Type::Private || m_type == Type::Presence || m_type == Type::Encrypted; }
    // "public", "private", "presence", "encrypted", "cache" or "user" for the dashboard.
    QString typeName() const;

    // Empty when valid, otherwise why not. #server-to-user-{id} is valid with any user id.
    static QString validate(const QString &name, int maxLength);

    static constexpr QLatin1StringView kServerToUserPrefix{"#server-to-user-"};

private:
    Type m_type = Type::Public;
    bool m_cache = false;
};

} // namespace homeport::channels
