#include "log_stream.h"

#include <QAtomicPointer>
#include <QMutexLocker>

#include <atomic>
#include <cstdio>

namespace homeport::core {

namespace {
QAtomicPointer<LogStream> g_installed;
QtMessageHandler g_previous = nullptr;

void writeTextToStderr(const LogLine &line)
{
    const QByteArray text = line.format().toLocal8Bit() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
}
std::atomic<LogStream::ConsoleWriter> g_consoleWriter{writeTextToStderr};

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogLine line;
    line.time = QDateTime::currentDateTimeUtc();
    line.level = type;
    line.category = QString::fromLatin1(context.category ? context.category : "default");
    line.message = message;
    g_consoleWriter.load(std::memory_order_acquire)(line);
    if (LogStream *stream = g_installed.loadAcquire())
        stream->append(line);
}
} // namespace

QString LogLine::levelName() const
{
    switch (level) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

QString LogLine::format() const
{
    return time.toString(Qt::ISODateWithMs) + QLatin1Char(' ') + levelName() + QLatin1Char(' ') + category
        + QStringLiteral(": ") + message;
}

LogStream::LogStream(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<homeport::core::LogLine>();
}

LogStream::~LogStream()
{
    if (m_installed) {
        g_installed.storeRelease(nullptr);
        qInstallMessageHandler(g_previous);
    }
}

void LogStream::install()
{
    g_installed.storeRelease(this);
    g_previous = qInstallMessageHandler(handleMessage);
    m_installed = true;
}

void LogStream::setConsoleWriter(ConsoleWriter writer)
{
    g_consoleWriter.store(writer ? writer : writeTextToStderr, std::memory_order_release);
}

void LogStream::append(const LogLine &line)
{
    {
        QMutexLocker lock(&m_mutex);
        m_lines.append(line);
        // Trim in batches so a full buffer does not shift 5000 lines on every append.
        if (m_lines.size() > kKeptLines + kKeptLines / 10)
            m_lines.remove(0, m_lines.size() - kKeptLines);
    }
    Q_EMIT lineAdded(line);
}

QList<LogLine> LogStream::lines() const
{
    QMutexLocker lock(&m_mutex);
    return m_lines;
}

} // namespace homeport::core
