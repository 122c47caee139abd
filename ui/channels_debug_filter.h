#pragma once
// ChannelsDebugFilter: narrows the debug console to one app, some kinds of event and a text
// (matched against channel, event, socket id and details), and sorts the rest.
// Thread affinity: the GUI thread.

#include "channels/channels_monitor.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace homeport::ui {

class ChannelsDebugFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ChannelsDebugFilter(QObject *parent = nullptr);

    // Empty: every app.
    void setAppId(const QString &appId);
    QString appId() const { return m_appId; }
    void setKindVisible(channels::DebugEvent::Kind kind, bool visible);
    bool isKindVisible(channels::DebugEvent::Kind kind) const { return !m_hiddenKinds.contains(int(kind)); }
    // Case-insensitive "contains".
    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_appId;
    QSet<int> m_hiddenKinds;
    QString m_text;
};

} // namespace homeport::ui
