#include "event_grouping.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace homeport::errors {

namespace {

// Sentry ignores context lines longer than this (minified code) when grouping.
constexpr int kMaxGroupingContextLine = 120;
constexpr int kMaxTitleLength = 200;

QJsonArray exceptionValues(const QJsonObject &event)
{
    return event.value(QLatin1String("exception")).toObject().value(QLatin1String("values")).toArray();
}

QJsonArray framesOf(const QJsonObject &holder)
{
    return holder.value(QLatin1String("stacktrace")).toObject().value(QLatin1String("frames")).toArray();
}

bool isInApp(const QJsonObject &frame)
{
    return frame.value(QLatin1String("in_app")).toBool(false);
}

QString stripUrl(QString file)
{
    // Cache-busting query strings and fragments change between deploys; the path does not.
    // A plain scan: this runs for every frame of every event.
    const auto cut = std::find_if(file.cbegin(), file.cend(), [](QChar c) { return c == u'?' || c == u'#'; });
    if (cut != file.cend())
        file.truncate(cut - file.cbegin());
    return file;
}

QString frameFile(const QJsonObject &frame)
{
    QString file = frame.value(QLatin1String("filename")).toString();
    if (file.isEmpty())
        file = frame.value(QLatin1String("abs_path")).toString();
    return stripUrl(file);
}

// One grouping component per frame: module (falling back to the filename), function, and the
// context line when there is a usable one.
QString frameComponent(const QJsonObject &frame)
{
    QString where = frame.value(QLatin1String("module")).toString();
    if (where.isEmpty())
        where = frameFile(frame);
    QString component = where + u'|' + frame.value(QLatin1String("function")).toString();
    const QString context = frame.value(QLatin1String("context_line")).toString().trimmed();
    if (!context.isEmpty() && context.size() <= kMaxGroupingContextLine)
        component += u'|' + context;
    return component;
}

QString frameLabel(const QJsonObject &frame, const QString &platform)
{
    const QString function = frame.value(QLatin1String("function")).toString();
    const QString module = frame.value(QLatin1String("module")).toString();
    const QString file = frameFile(frame);
    if (platform == QLatin1String("javascript") || platform == QLatin1String("node")) {
        const QString fn = function.isEmpty() ? QStringLiteral("?") : function;
        return file.isEmpty() ? fn : QStringLiteral("%1(%2)").arg(fn, file);
    }
    const QString where = module.isEmpty() ? file : module;
    if (function.isEmpty())
        return where;
    return where.isEmpty() ? function : QStringLiteral("%1 in %2").arg(where, function);
}

QString firstLine(const QString &text)
{
    QString line = text.section(u'\n', 0, 0).trimmed();
    if (line.size() > kMaxTitleLength)
        line = line.left(kMaxTitleLength - 1) + QChar(0x2026);
    return line;
}

QString messageText(const QJsonObject &event, bool forGrouping)
{
    const QJsonObject logentry = event.value(QLatin1String("logentry")).toObject();
    // With params the unformatted template is the stable part ("User %s not found").
    if (forGrouping && !logentry.value(QLatin1String("params")).toArray().isEmpty()) {
        const QString pattern = logentry.value(QLatin1String("message")).toString();
        if (!pattern.isEmpty())
            return pattern;
    }
    QString text = logentry.value(QLatin1String("formatted")).toString();
    if (text.isEmpty())
        text = logentry.value(QLatin1String("message")).toString();
    return text;
}

struct DefaultGrouping {
    QStringList components;
    QString reason;
};

// The stack traces to group by: each exception's (oldest to newest), or else the event's own
// stacktrace or its threads' (captureMessage with attach_stacktrace).
QList<QPair<QString, QJsonArray>> stacktraces(const QJsonObject &event)
{
    QList<QPair<QString, QJsonArray>> traces;
    const QJsonArray exceptions = exceptionValues(event);
    for (const QJsonValue &value : exceptions) {
        const QJsonObject exception = value.toObject();
        traces.append({exception.value(QLatin1String("type")).toString(), framesOf(exception)});
    }
    if (exceptions.isEmpty()) {
        if (event.contains(QLatin1String("stacktrace")))
            traces.append({QString(), framesOf(event)});
        const QJsonArray threads = event.value(QLatin1String("threads")).toObject().value(QLatin1String("values")).toArray();
        for (const QJsonValue &thread : threads)
            traces.append({QString(), framesOf(thread.toObject())});
    }
    return traces;
}

DefaultGrouping defaultGrouping(const QJsonObject &event)
{
    DefaultGrouping grouping;
    const QString platform = event.value(QLatin1String("platform")).toString();

    // 1. In-app frames.
    int inAppFrames = 0;
    QJsonObject lastFrame; // labelled once at the end, not per frame
    for (const auto &[type, frames] : stacktraces(event)) {
        QStringList frameComponents;
        for (const QJsonValue &value : frames) {
            QJsonObject frame = value.toObject();
            if (!isInApp(frame))
                continue;
            frameComponents << frameComponent(frame);
            lastFrame = std::move(frame);
        }
        if (frameComponents.isEmpty())
            continue;
        inAppFrames += int(frameComponents.size());
        if (!type.isEmpty())
            grouping.components << QStringLiteral("type:") + type;
        grouping.components << frameComponents;
    }
    if (inAppFrames > 0) {
        grouping.reason = QStringLiteral("in-app frames of the stack trace: %1 frame(s), crashing in %2")
                              .arg(inAppFrames)
                              .arg(frameLabel(lastFrame, platform));
        return grouping;
    }

    // 2. Exception type and value (of every exception in a chain).
    const QJsonArray exceptions = exceptionValues(event);
    if (!exceptions.isEmpty()) {
        QStringList shown;
        for (const QJsonValue &value : exceptions) {
            const QJsonObject exception = value.toObject();
            const QString type = exception.value(QLatin1String("type")).toString();
            const QString text = exception.value(QLatin1String("value")).toString().simplified();
            grouping.components << QStringLiteral("exception:") + type + u'|' + text;
            shown << (text.isEmpty() ? type : type + QStringLiteral(": ") + text);
        }
        grouping.reason = QStringLiteral("exception type and value (no in-app frames): %1").arg(shown.join(QStringLiteral(" <- ")));
        return grouping;
    }

    // 3. The normalised message.
    const QString message = messageText(event, true);
    if (!message.isEmpty()) {
        const QString normalized = normalizeMessage(message);
        grouping.components << QStringLiteral("message:") + normalized;
        grouping.reason = QStringLiteral("message, with numbers, ids and timestamps normalised: \"%1\"").arg(firstLine(normalized));
        return grouping;
    }

    grouping.components << QStringLiteral("nothing");
    grouping.reason = QStringLiteral("no stack trace, exception or message: every such event shares one issue");
    return grouping;
}

bool isDefaultPlaceholder(const QString &part)
{
    QString compact = part;
    compact.remove(u' ');
    return compact == QLatin1String("{{default}}");
}

QString lastInAppFrameLabel(const QJsonObject &event)
{
    const QString platform = event.value(QLatin1String("platform")).toString();
    const auto traces = stacktraces(event);
    for (auto trace = traces.crbegin(); trace != traces.crend(); ++trace) {
        const QJsonArray &frames = trace->second;
        for (auto it = frames.end(); it != frames.begin();) {
            --it;
            const QJsonObject frame = (*it).toObject();
            if (isInApp(frame))
                return frameLabel(frame, platform);
        }
    }
    // No in-app frame: the crashing frame still says more than nothing.
    for (auto trace = traces.crbegin(); trace != traces.crend(); ++trace) {
        if (!trace->second.isEmpty())
            return frameLabel(trace->second.last().toObject(), platform);
    }
    return {};
}

} // namespace

QString normalizeMessage(const QString &message)
{
    struct Rule {
        QRegularExpression pattern;
        QString replacement;
    };
    static const Rule rules[] = {
        {QRegularExpression(QStringLiteral(
             "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b")),
         QStringLiteral("<uuid>")},
        {QRegularExpression(QStringLiteral(
             "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b")),
         QStringLiteral("<timestamp>")},
        {QRegularExpression(QStringLiteral("\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b")), QStringLiteral("<timestamp>")},
        {QRegularExpression(QStringLiteral("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b")), QStringLiteral("<ip>")},
        {QRegularExpression(QStringLiteral("\\b0x[0-9a-fA-F]+\\b")), QStringLiteral("<hex>")},
        // Hashes and ids: long runs of hex digits that contain at least one digit.
        {QRegularExpression(QStringLiteral("\\b(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{12,}\\b")), QStringLiteral("<hex>")},
        {QRegularExpression(QStringLiteral("(?<![\\w.])[-+]?\\d+(?:\\.\\d+)?(?![\\w.])")), QStringLiteral("<int>")},
    };
    QString out = message;
    for (const Rule &rule : rules)
        out.replace(rule.pattern, rule.replacement);
    return out;
}

EventGrouping EventGrouping::compute(const QJsonObject &event)
{
    EventGrouping result;
    const QJsonArray exceptions = exceptionValues(event);
    result.type = exceptions.isEmpty() ? QStringLiteral("default") : QStringLiteral("error");

    // Title: the main (newest) exception, else the message, else the transaction.
    if (!exceptions.isEmpty()) {
        const QJsonObject main = exceptions.last().toObject();
        result.exceptionType = main.value(QLatin1String("type")).toString();
        result.exceptionValue = firstLine(main.value(QLatin1String("value")).toString());
        if (result.exceptionType.isEmpty())
            result.title = result.exceptionValue.isEmpty() ? QStringLiteral("Error") : result.exceptionValue;
        else if (result.exceptionValue.isEmpty())
            result.title = result.exceptionType;
        else
            result.title = result.exceptionType + QStringLiteral(": ") + result.exceptionValue;
    } else {
        result.title = firstLine(messageText(event, false));
        if (result.title.isEmpty())
            result.title = event.value(QLatin1String("transaction")).toString();
        if (result.title.isEmpty())
            result.title = QStringLiteral("<unlabeled event>");
    }

    result.culprit = event.value(QLatin1String("culprit")).toString();
    if (result.culprit.isEmpty())
        result.culprit = event.value(QLatin1String("transaction")).toString();
    if (result.culprit.isEmpty())
        result.culprit = lastInAppFrameLabel(event);

    QStringList components;
    const QJsonArray fingerprint = event.value(QLatin1String("fingerprint")).toArray();
    if (!fingerprint.isEmpty()) {
        QStringList shown;
        bool usedDefault = false;
        for (const QJsonValue &value : fingerprint) {
            const QString part = value.isString() ? value.toString() : value.toVariant().toString();
            if (isDefaultPlaceholder(part)) {
                const DefaultGrouping fallback = defaultGrouping(event);
                components << fallback.components;
                shown << QStringLiteral("{{ default }} = ") + fallback.reason;
                usedDefault = true;
            } else {
                components << QStringLiteral("fingerprint:") + part;
                shown << u'"' + part + u'"';
            }
        }
        result.reason = (usedDefault ? QStringLiteral("fingerprint with the default grouping: [%1]")
                                     : QStringLiteral("custom fingerprint: [%1]"))
                            .arg(shown.join(QStringLiteral(", ")));
    } else {
        DefaultGrouping grouping = defaultGrouping(event);
        components = std::move(grouping.components);
        result.reason = std::move(grouping.reason);
    }
    result.hash = QString::fromLatin1(
        QCryptographicHash::hash(components.join(u'\n').toUtf8(), QCryptographicHash::Md5).toHex());
    return result;
}

} // namespace homeport::errors
