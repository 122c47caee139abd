#pragma once
// LogStream: keeps the last lines of the process's log for the console's Logs page and still
// writes every line to stderr (headless servers log to journald through it).
// Thread affinity: lives in the main thread; lines arrive from any thread through Qt's message
// handler, lines() may be called from any thread, lineAdded is delivered queued to the UI.

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

namespace homeport::core {

struct LogLine {
    QDateTime time;
    QtMsgType level = QtInfoMsg;
    QString category;
    QString message;
    QString levelName() const; // "debug", "info", "warning", "critical", "fatal"
    QString format() const;    // one line, as written to stderr
};

class LogStream : public QObject
{
    Q_OBJECT
public:
    static constexpr int kKeptLines = 5000;

    explicit LogStream(QObject *parent = nullptr);
    ~LogStream() override; // restores the previous message handler

    // Makes this the process's Qt message handler. One LogStream may be installed at a time.
    void install();
    // Where every line is written as it happens: text on stderr unless the application picks
    // another writer (headless JSON lines on stdout). Called from any thread, so it must be
    // thread-safe; nullptr restores the stderr text writer.
    using ConsoleWriter = void (*)(const LogLine &line);
    static void setConsoleWriter(ConsoleWriter writer);
    void append(const LogLine &line);
    QList<LogLine> lines() const;

Q_SIGNALS:
    void lineAdded(const homeport::core::LogLine &line);

private:
    mutable QMutex m_mutex;
    QList<LogLine> m_lines;
    bool m_installed = false;
};

} // namespace homeport::core

Q_DECLARE_METATYPE(homeport::core::LogLine)
