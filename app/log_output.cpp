#include "log_output.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cstdio>

namespace homeport::app {

namespace {

// "homeport.storage" and "homeport.http.access" are the storage and http parts of Homeport;
// Qt's own categories ("qt.network.ssl", "default") keep their name.
QString serviceOf(const QString &category)
{
    static const QString prefix = QStringLiteral("homeport.");
    if (!category.startsWith(prefix))
        return category;
    const qsizetype dot = category.indexOf(QLatin1Char('.'), prefix.size());
    return category.mid(prefix.size(), dot < 0 ? -1 : dot - prefix.size());
}

void writeLine(const QByteArray &bytes)
{
    // One fwrite per line: stdio locks the stream, so lines from service threads never interleave.
    const QByteArray line = bytes + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void writeJson(const core::LogLine &line)
{
    writeLine(logLineJson(line));
}

void writeText(const core::LogLine &line)
{
    writeLine(line.format().toUtf8());
}

} // namespace

bool parseLogFormat(const QString &name, LogFormat *format)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QStringLiteral("json"))
        *format = LogFormat::Json;
    else if (lower == QStringLiteral("text"))
        *format = LogFormat::Text;
    else
        return false;
    return true;
}

QByteArray logLineJson(const core::LogLine &line)
{
    const QJsonObject object{
        {QStringLiteral("time"), line.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("level"), line.levelName()},
        {QStringLiteral("service"), serviceOf(line.category)},
        {QStringLiteral("category"), line.category},
        {QStringLiteral("message"), line.message},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void useStdoutLog(LogFormat format)
{
    core::LogStream::setConsoleWriter(format == LogFormat::Json ? writeJson : writeText);
}

bool isLogLevel(const QString &level)
{
    static const QStringList levels{QString(), QStringLiteral("debug"), QStringLiteral("info"),
                                    QStringLiteral("warning"), QStringLiteral("error")};
    return levels.contains(level.trimmed().toLower());
}

bool applyLogLevel(const QString &level)
{
    const QString lower = level.trimmed().toLower();
    if (!isLogLevel(lower))
        return false;
    // Filter rules change every category at once and take effect for the next line, on every
    // thread; QT_LOGGING_RULES in the environment still wins over them.
    QString rules;
    if (lower == QStringLiteral("debug"))
        rules = QStringLiteral("homeport.*.debug=true");
    else if (lower == QStringLiteral("info"))
        rules = QStringLiteral("*.debug=false");
    else if (lower == QStringLiteral("warning"))
        rules = QStringLiteral("*.debug=false\n*.info=false");
    else if (lower == QStringLiteral("error"))
        rules = QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    QLoggingCategory::setFilterRules(rules);
    return true;
}

} // namespace homeport::app
