#pragma once
// ChannelsDebugModel: the debug console's lines, oldest first, at most kMaxRows (the oldest fall
// off). While paused, new events are held back (and counted) instead of inserted, so the view
// stands still for reading; resuming inserts what was held.
// Thread affinity: the GUI thread. Events arrive as copies (ChannelsMonitor::debugEventAdded is
// delivered queued from the service's thread).

#include "channels/channels_monitor.h"
#include "row_table_model.h"

#include <QHash>

namespace homeport::ui {

struct ChannelsDebugRow {
    channels::DebugEvent event;
    quint64 sequence = 0; // keeps equal timestamps in arrival order when sorted
};

class ChannelsDebugModel : public RowTableModel<ChannelsDebugRow>
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = 2000;
    enum Column { TimeColumn, KindColumn, AppColumn, SocketColumn, ChannelColumn, EventColumn, DetailsColumn, ColumnCount };
    static constexpr int KindRole = Qt::UserRole + 2;   // int(DebugEvent::Kind)
    static constexpr int AppIdRole = Qt::UserRole + 3;

    explicit ChannelsDebugModel(QObject *parent = nullptr);

    void append(const QList<channels::DebugEvent> &events);
    void clear();
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Events that arrived while paused (including any that fell off the held buffer).
    int heldCount() const { return m_heldCount; }
    // Shown in the App column instead of bare ids when known.
    void setAppNames(const QHash<QString, QString> &names);

    // Translated words for the kinds (the monitor's toString() is for logs).
    static QString kindText(channels::DebugEvent::Kind kind);
    static QColor kindColor(channels::DebugEvent::Kind kind);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void heldCountChanged(int count);

private:
    using Row = ChannelsDebugRow;
    void insertRows(const QList<channels::DebugEvent> &events);

    QList<channels::DebugEvent> m_held;
    int m_heldCount = 0;
    bool m_paused = false;
    quint64 m_nextSequence = 0;
    QHash<QString, QString> m_appNames;
};

} // namespace homeport::ui
