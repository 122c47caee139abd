#pragma once
// ChannelsDebugConsole: a live stream of the channels service's debug events, like Pusher's
// dashboard: newest first, filtered by app, kind and text, with Pause/Resume (paused, new events
// are counted but the view stands still) and Clear.
// Thread affinity: the GUI thread. Events arrive through addEvent() (the page connects
// ChannelsMonitor::debugEventAdded, delivered queued) and are inserted in batches a few times a
// second, so a burst of thousands of events costs a few model inserts instead of thousands.

#include "channels/channels_monitor.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace homeport::ui {

class ChannelsDebugFilter;
class ChannelsDebugModel;

class ChannelsDebugConsole : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kFlushIntervalMs = 200;
    // The kind checkboxes group the protocol's pairs (connect/disconnect, subscribe/unsubscribe).
    enum class KindGroup { Connections, Subscriptions, ApiMessages, ClientEvents, Errors, Webhooks };

    explicit ChannelsDebugConsole(QWidget *parent = nullptr);

    ChannelsDebugModel *model() const { return m_model; }
    ChannelsDebugFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QCheckBox *kindCheckBox(KindGroup group) const;
    bool isPaused() const;
    // "12 new events" while paused, else empty.
    QString heldText() const;
    // The hint shown instead of rows (no events yet / none match), or empty while rows show.
    QString emptyText() const;

    void setApps(const QList<channels::AppInfo> &apps);

public Q_SLOTS:
    void addEvent(const homeport::channels::DebugEvent &event);
    void addEvents(const QList<homeport::channels::DebugEvent> &events);
    // Inserts what arrived since the last flush (the timer does this on its own).
    void flush();
    void setPaused(bool paused);
    void clear();
    void setAppFilter(const QString &appId);
    void setTextFilter(const QString &text);

private:
    void updateStatus();

    ChannelsDebugModel *m_model;
    ChannelsDebugFilter *m_filter;
    QTableView *m_view;
    QComboBox *m_app;
    QLineEdit *m_text;
    QList<QCheckBox *> m_kinds; // indexed by KindGroup
    QPushButton *m_pause;
    QPushButton *m_clear;
    QLabel *m_held;
    QLabel *m_count;
    QLabel *m_empty;
    QTimer *m_flushTimer;
    QList<channels::DebugEvent> m_incoming;
};

} // namespace homeport::ui
