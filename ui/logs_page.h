#pragma once
// LogsPage: the process's log (every service's category) live, with a level filter, a service
// filter, a text filter and auto-scroll.
// Thread affinity: the GUI thread. Lines arrive through LogStream::lineAdded (queued when logged
// from a service thread) and are added in batches, so a burst of log lines costs one layout.

#include "console_context.h"
#include "core/log_stream.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace homeport::ui {

class LogFilterModel;
class LogModel;

class LogsPage : public QWidget
{
    Q_OBJECT
public:
    // Batching interval: quick enough to feel live, slow enough to absorb an access-log burst.
    static constexpr int kFlushIntervalMs = 200;

    LogsPage(const ConsoleContext &context, const QStringList &services, QWidget *parent = nullptr);

    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }

    // Index in the level box: 0 debug+, 1 info+, 2 warning+, 3 errors only.
    void setLevelFilter(int index);
    void setTextFilter(const QString &text);
    // "" for every service, or one service's name (what a failure notification's "Open log" does).
    void setServiceFilter(const QString &service);
    QString serviceFilter() const;

public Q_SLOTS:
    void addLine(const homeport::core::LogLine &line);
    void flush();

private:
    void updateCount();

    LogModel *m_model;
    LogFilterModel *m_filter;
    QTableView *m_view;
    QComboBox *m_level;
    QComboBox *m_service;
    QLineEdit *m_search;
    QCheckBox *m_autoScroll;
    QLabel *m_count;
    QLabel *m_empty;
    QTimer *m_flushTimer;
    QList<core::LogLine> m_pending;
};

} // namespace homeport::ui
