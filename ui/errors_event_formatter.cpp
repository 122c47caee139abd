#include "errors_event_formatter.h"

#include "theme.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTimeZone>

namespace homeport::ui {

namespace {
// Colours of the rich text, kept beside the palette they extend.
const QString kInAppBackground = QStringLiteral("#eef3fd");
const QString kLibraryBackground = QStringLiteral("#f6f7f9");
const QString kCrashLineBackground = QStringLiteral("#fde8e8");
const QString kCodeBackground = QStringLiteral("#fbfcfd");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QJsonArray valuesOf(const QJsonValue &value)
{
    // Sentry's interfaces come as {"values": [...]} or as the bare list.
    if (value.isArray())
        return value.toArray();
    return value.toObject().value(QStringLiteral("values")).toArray();
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out << v.toString();
    return out;
}

QList<ErrorsEventFormatter::Frame> framesOf(const QJsonObject &stacktrace)
{
    QList<ErrorsEventFormatter::Frame> frames;
    for (const QJsonValue &v : stacktrace.value(QStringLiteral("frames")).toArray()) {
        const QJsonObject f = v.toObject();
        ErrorsEventFormatter::Frame frame;
        frame.filename = f.value(QStringLiteral("filename")).toString();
        frame.absPath = f.value(QStringLiteral("abs_path")).toString();
        frame.function = f.value(QStringLiteral("function")).toString();
        frame.module = f.value(QStringLiteral("module")).toString();
        frame.lineno = f.value(QStringLiteral("lineno")).toInt();
        frame.colno = f.value(QStringLiteral("colno")).toInt();
        frame.inApp = f.value(QStringLiteral("in_app")).toBool();
        frame.contextLine = f.value(QStringLiteral("context_line")).toString();
        frame.preContext = stringList(f.value(QStringLiteral("pre_context")));
        frame.postContext = stringList(f.value(QStringLiteral("post_context")));
        frames << frame;
    }
    return frames;
}

// A table of name/value rows for the context view; empty values are left out.
QString keyValueTable(const QList<QPair<QString, QString>> &rows)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
    int shown = 0;
    for (const auto &[key, value] : rows) {
        if (value.isEmpty())
            continue;
        ++shown;
        html += QStringLiteral("<tr><td width='170' style='color:%1'>%2</td><td style='font-family:monospace'>%3</td></tr>")
                    .arg(Theme::mutedText().name(), esc(key), esc(value));
    }
    html += QStringLiteral("</table>");
    return shown > 0 ? html : QString();
}

QList<QPair<QString, QString>> objectRows(const QJsonObject &object, const QStringList &skip = {})
{
    QList<QPair<QString, QString>> rows;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!skip.contains(it.key()))
            rows.append({it.key(), scalarText(it.value())});
    }
    return rows;
}

QString frameLocation(const ErrorsEventFormatter::Frame &frame)
{
    QString where = frame.filename.isEmpty() ? (frame.module.isEmpty() ? frame.absPath : frame.module) : frame.filename;
    if (frame.lineno > 0)
        where += ErrorsEventFormatter::tr(" line %1").arg(frame.lineno);
    if (frame.colno > 0)
        where += ErrorsEventFormatter::tr(", column %1").arg(frame.colno);
    return where;
}

QString contextHtmlOf(const ErrorsEventFormatter::Frame &frame)
{
    if (frame.contextLine.isEmpty() && frame.preContext.isEmpty() && frame.postContext.isEmpty())
        return {};
    const QString muted = Theme::mutedText().name();
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='1' width='100%' bgcolor='%1'>").arg(kCodeBackground);
    auto line = [&](int number, const QString &code, bool current) {
        const QString num = number > 0 ? QString::number(number) : QString();
        if (current)
            html += QStringLiteral("<tr bgcolor='%1'><td width='44' align='right' style='color:%2;font-family:monospace'>%3</td>"
                                   "<td style='font-family:monospace;white-space:pre;font-weight:600'> %4</td></tr>")
                        .arg(kCrashLineBackground, Theme::failed().name(), num, esc(code));
        else
            html += QStringLiteral("<tr><td width='44' align='right' style='color:%1;font-family:monospace'>%2</td>"
                                   "<td style='font-family:monospace;white-space:pre;color:#3c4650'> %3</td></tr>")
                        .arg(muted, num, esc(code));
    };
    const int first = frame.lineno > 0 ? frame.lineno - int(frame.preContext.size()) : 0;
    for (int i = 0; i < frame.preContext.size(); ++i)
        line(first > 0 ? first + i : 0, frame.preContext[i], false);
    line(frame.lineno, frame.contextLine, true);
    for (int i = 0; i < frame.postContext.size(); ++i)
        line(frame.lineno > 0 ? frame.lineno + 1 + i : 0, frame.postContext[i], false);
    html += QStringLiteral("</table>");
    return html;
}

QString frameHtml(const ErrorsEventFormatter::Frame &frame, bool withContext)
{
    const QString function = frame.function.isEmpty() ? QStringLiteral("?") : frame.function;
    const QString badge = frame.inApp
        ? QStringLiteral(" <span style='background-color:%1;color:white;font-size:8pt'>&nbsp;%2&nbsp;</span>")
              .arg(Theme::accent().name(), ErrorsEventFormatter::tr("in app"))
        : QString();
    const QString head = QStringLiteral("<span style='font-family:monospace;%1'>%2</span>"
                                        "<span style='color:%3'> %4 </span>"
                                        "<span style='font-family:monospace;color:%5'>%6</span>%7")
                             .arg(frame.inApp ? QStringLiteral("font-weight:600;color:") + Theme::text().name()
                                              : QStringLiteral("color:") + Theme::mutedText().name(),
                                  esc(function), Theme::mutedText().name(), ErrorsEventFormatter::tr("in"),
                                  frame.inApp ? Theme::text().name() : Theme::mutedText().name(),
                                  esc(frameLocation(frame)), badge);
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='5' width='100%' style='margin-bottom:3px'>"
                                  "<tr><td bgcolor='%1'>%2</td></tr>")
                       .arg(frame.inApp ? kInAppBackground : kLibraryBackground, head);
    if (withContext) {
        const QString context = contextHtmlOf(frame);
        if (!context.isEmpty())
            html += QStringLiteral("<tr><td>%1</td></tr>").arg(context);
    }
    html += QStringLiteral("</table>");
    return html;
}
} // namespace

QDateTime ErrorsEventFormatter::timestamp(const QJsonValue &value)
{
    if (value.isDouble())
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble() * 1000), Qt::UTC);
    const QString text = value.toString();
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime && !text.endsWith(QLatin1Char('Z')) && !text.contains(QLatin1Char('+')))
        t.setTimeSpec(Qt::UTC); // Sentry timestamps without an offset are UTC
    return t;
}

QList<ErrorsEventFormatter::Exception> ErrorsEventFormatter::exceptions(const QJsonObject &event)
{
    QList<Exception> out;
    const QJsonArray values = valuesOf(event.value(QStringLiteral("exception")));
    for (const QJsonValue &v : values) {
        const QJsonObject e = v.toObject();
        Exception ex;
        ex.type = e.value(QStringLiteral("type")).toString();
        ex.value = e.value(QStringLiteral("value")).toString();
        ex.module = e.value(QStringLiteral("module")).toString();
        const QJsonObject mechanism = e.value(QStringLiteral("mechanism")).toObject();
        if (!mechanism.isEmpty()) {
            ex.mechanism = mechanism.value(QStringLiteral("type")).toString();
            if (mechanism.contains(QStringLiteral("handled")))
                ex.mechanism += mechanism.value(QStringLiteral("handled")).toBool() ? tr(", handled") : tr(", unhandled");
        }
        ex.frames = framesOf(e.value(QStringLiteral("stacktrace")).toObject());
        out.prepend(ex); // the SDK lists the chain oldest first; the outermost is read first
    }
    if (!out.isEmpty())
        return out;
    // A message with attach_stacktrace, or a native crash: the trace sits beside the message.
    QJsonObject stacktrace = event.value(QStringLiteral("stacktrace")).toObject();
    if (stacktrace.isEmpty()) {
        for (const QJsonValue &t : valuesOf(event.value(QStringLiteral("threads")))) {
            const QJsonObject thread = t.toObject();
            if (thread.value(QStringLiteral("crashed")).toBool() || thread.value(QStringLiteral("current")).toBool()
                || stacktrace.isEmpty())
                stacktrace = thread.value(QStringLiteral("stacktrace")).toObject();
        }
    }
    if (!stacktrace.isEmpty()) {
        Exception ex;
        ex.value = message(event);
        ex.frames = framesOf(stacktrace);
        out << ex;
    }
    return out;
}

QList<ErrorsEventFormatter::Breadcrumb> ErrorsEventFormatter::breadcrumbs(const QJsonObject &event)
{
    QList<Breadcrumb> out;
    for (const QJsonValue &v : valuesOf(event.value(QStringLiteral("breadcrumbs")))) {
        const QJsonObject b = v.toObject();
        Breadcrumb crumb;
        crumb.time = timestamp(b.value(QStringLiteral("timestamp")));
        crumb.type = b.value(QStringLiteral("type")).toString();
        crumb.category = b.value(QStringLiteral("category")).toString();
        crumb.level = b.value(QStringLiteral("level")).toString(QStringLiteral("info"));
        crumb.message = b.value(QStringLiteral("message")).toString();
        const QJsonObject data = b.value(QStringLiteral("data")).toObject();
        if (data.contains(QStringLiteral("url")) && crumb.message.isEmpty()) {
            // An http/fetch crumb says everything in its data: "GET /api/prices → 500".
            crumb.message = (data.value(QStringLiteral("method")).toString() + QLatin1Char(' ')
                             + data.value(QStringLiteral("url")).toString()).trimmed();
            if (data.contains(QStringLiteral("status_code")))
                crumb.message += QStringLiteral(" → ") + scalarText(data.value(QStringLiteral("status_code")));
        } else if (!data.isEmpty()) {
            const QString compact = QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact));
            crumb.message = crumb.message.isEmpty() ? compact : crumb.message + QStringLiteral("  ") + compact;
        }
        out.prepend(crumb);
    }
    return out;
}

QList<QPair<QString, QString>> ErrorsEventFormatter::tags(const QJsonObject &event)
{
    QList<QPair<QString, QString>> out;
    const QJsonValue tags = event.value(QStringLiteral("tags"));
    if (tags.isArray()) {
        for (const QJsonValue &pair : tags.toArray()) {
            const QJsonArray kv = pair.toArray();
            if (kv.size() == 2)
                out.append({scalarText(kv[0]), scalarText(kv[1])});
        }
    } else {
        const QJsonObject map = tags.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            out.append({it.key(), scalarText(it.value())});
    }
    return out;
}

QString ErrorsEventFormatter::message(const QJsonObject &event)
{
    const QJsonObject logentry = event.value(QStringLiteral("logentry")).toObject();
    if (!logentry.value(QStringLiteral("formatted")).toString().isEmpty())
        return logentry.value(QStringLiteral("formatted")).toString();
    if (!logentry.value(QStringLiteral("message")).toString().isEmpty())
        return logentry.value(QStringLiteral("message")).toString();
    const QJsonValue message = event.value(QStringLiteral("message"));
    if (message.isString())
        return message.toString();
    const QJsonObject object = message.toObject();
    return object.value(QStringLiteral("formatted")).toString(object.value(QStringLiteral("message")).toString());
}

bool ErrorsEventFormatter::hasLibraryFrames(const QJsonObject &event)
{
    for (const Exception &ex : exceptions(event)) {
        bool anyInApp = false;
        bool anyLibrary = false;
        for (const Frame &f : ex.frames) {
            anyInApp = anyInApp || f.inApp;
            anyLibrary = anyLibrary || !f.inApp;
        }
        if (anyInApp && anyLibrary)
            return true;
    }
    return false;
}

QString ErrorsEventFormatter::stackTraceHtml(const QJsonObject &event, bool showLibraryFrames)
{
    const QList<Exception> chain = exceptions(event);
    QString html;
    if (chain.isEmpty()) {
        const QString text = message(event);
        html += QStringLiteral("<p style='color:%1'>%2</p>")
                    .arg(Theme::mutedText().name(), esc(tr("This event has no stack trace.")));
        if (!text.isEmpty())
            html += QStringLiteral("<p style='font-family:monospace;white-space:pre-wrap'>%1</p>").arg(esc(text));
        return html;
    }
    for (int i = 0; i < chain.size(); ++i) {
        const Exception &ex = chain[i];
        if (i > 0)
            html += QStringLiteral("<p style='color:%1;margin-top:14px'><i>%2</i></p>")
                        .arg(Theme::mutedText().name(), esc(tr("which was caused by:")));
        const QString type = ex.type.isEmpty() ? (i == 0 && chain.size() == 1 ? tr("Message") : tr("Exception")) : ex.type;
        html += QStringLiteral("<p style='margin-bottom:4px'><span style='font-size:11.5pt;font-weight:600;color:%1'>%2</span>")
                    .arg(Theme::failed().name(), esc(type));
        if (!ex.value.isEmpty())
            html += QStringLiteral("<br><span style='color:%1'>%2</span>").arg(Theme::text().name(), esc(ex.value));
        if (!ex.mechanism.isEmpty())
            html += QStringLiteral("<br><span style='color:%1;font-size:8.5pt'>%2</span>")
                        .arg(Theme::mutedText().name(), esc(tr("mechanism: %1").arg(ex.mechanism)));
        html += QStringLiteral("</p>");
        if (ex.frames.isEmpty()) {
            html += QStringLiteral("<p style='color:%1'>%2</p>")
                        .arg(Theme::mutedText().name(), esc(tr("No stack trace was sent with this exception.")));
            continue;
        }
        bool anyInApp = false;
        for (const Frame &f : ex.frames)
            anyInApp = anyInApp || f.inApp;
        const bool showAll = showLibraryFrames || !anyInApp;
        html += QStringLiteral("<p style='color:%1;font-size:8.5pt;margin-top:2px'>%2</p>")
                    .arg(Theme::mutedText().name(), esc(tr("Most recent call first")));
        // Newest first; consecutive library frames fold into one line while hidden.
        int hiddenRun = 0;
        auto flushHidden = [&] {
            if (hiddenRun == 0)
                return;
            html += QStringLiteral("<p style='margin:2px 0 4px 8px'><a href='%1' style='color:%2'>%3</a></p>")
                        .arg(kExpandFramesLink, Theme::accent().name(),
                             esc(hiddenRun == 1 ? tr("▸ 1 library frame hidden, show") : tr("▸ %1 library frames hidden, show").arg(hiddenRun)));
            hiddenRun = 0;
        };
        for (int f = int(ex.frames.size()) - 1; f >= 0; --f) {
            const Frame &frame = ex.frames[f];
            if (!frame.inApp && !showAll) {
                ++hiddenRun;
                continue;
            }
            flushHidden();
            // Context for app code always; for library code only when asked for it, except the
            // crash site itself, which is worth reading whoever wrote it.
            const bool withContext = frame.inApp || showLibraryFrames || f == ex.frames.size() - 1;
            html += frameHtml(frame, withContext);
        }
        flushHidden();
        if (showLibraryFrames && anyInApp)
            html += QStringLiteral("<p style='margin:2px 0 4px 8px'><a href='%1' style='color:%2'>%3</a></p>")
                        .arg(kExpandFramesLink, Theme::accent().name(), esc(tr("▾ Hide library frames")));
    }
    return html;
}

QString ErrorsEventFormatter::contextHtml(const QJsonObject &event)
{
    QString html;
    auto section = [&](const QString &title, const QString &table) {
        if (table.isEmpty())
            return;
        html += QStringLiteral("<p style='font-weight:600;font-size:10.5pt;margin-top:10px;margin-bottom:2px;color:%1'>%2</p>%3")
                    .arg(Theme::text().name(), esc(title), table);
    };
    auto str = [&](const char *key) {
        const QJsonValue v = event.value(QLatin1String(key));
        return v.isUndefined() || v.isNull() ? QString() : scalarText(v);
    };

    const QDateTime time = timestamp(event.value(QStringLiteral("timestamp")));
    section(tr("Event"), keyValueTable({
                             {tr("event id"), str("event_id")},
                             {tr("time"), time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat) : QString()},
                             {tr("level"), str("level")},
                             {tr("platform"), str("platform")},
                             {tr("release"), str("release")},
                             {tr("dist"), str("dist")},
                             {tr("environment"), str("environment")},
                             {tr("server"), str("server_name")},
                             {tr("transaction"), str("transaction")},
                             {tr("logger"), str("logger")},
                         }));

    const QJsonObject user = event.value(QStringLiteral("user")).toObject();
    section(tr("User"), keyValueTable(objectRows(user)));

    const QJsonObject request = event.value(QStringLiteral("request")).toObject();
    if (!request.isEmpty()) {
        QList<QPair<QString, QString>> rows;
        const QString method = request.value(QStringLiteral("method")).toString();
        const QString url = request.value(QStringLiteral("url")).toString();
        rows.append({tr("request"), (method + QLatin1Char(' ') + url).trimmed()});
        rows.append({tr("query"), scalarText(request.value(QStringLiteral("query_string")))});
        rows.append({tr("data"), request.contains(QStringLiteral("data")) ? scalarText(request.value(QStringLiteral("data"))) : QString()});
        // Headers as a map or as [[name, value]] pairs, like tags.
        const QJsonValue headers = request.value(QStringLiteral("headers"));
        if (headers.isArray()) {
            for (const QJsonValue &pair : headers.toArray())
                rows.append({pair.toArray().at(0).toString(), scalarText(pair.toArray().at(1))});
        } else {
            rows.append(objectRows(headers.toObject()));
        }
        rows.append(objectRows(request, {QStringLiteral("method"), QStringLiteral("url"), QStringLiteral("query_string"),
                                         QStringLiteral("data"), QStringLiteral("headers")}));
        section(tr("Request"), keyValueTable(rows));
    }

    section(tr("Tags"), keyValueTable(tags(event)));

    const QJsonObject contexts = event.value(QStringLiteral("contexts")).toObject();
    for (auto it = contexts.begin(); it != contexts.end(); ++it) {
        const QJsonObject ctx = it.value().toObject();
        section(tr("Context: %1").arg(it.key()), keyValueTable(objectRows(ctx, {QStringLiteral("type")})));
    }

    const QJsonObject sdk = event.value(QStringLiteral("sdk")).toObject();
    if (!sdk.isEmpty()) {
        QList<QPair<QString, QString>> rows;
        rows.append({tr("sdk"), (sdk.value(QStringLiteral("name")).toString() + QLatin1Char(' ')
                                 + sdk.value(QStringLiteral("version")).toString()).trimmed()});
        const QJsonArray integrations = sdk.value(QStringLiteral("integrations")).toArray();
        QStringList names;
        for (const QJsonValue &v : integrations)
            names << v.toString();
        rows.append({tr("integrations"), names.join(QStringLiteral(", "))});
        section(tr("SDK"), keyValueTable(rows));
    }

    section(tr("Extra"), keyValueTable(objectRows(event.value(QStringLiteral("extra")).toObject())));
    if (html.isEmpty())
        html = QStringLiteral("<p style='color:%1'>%2</p>").arg(Theme::mutedText().name(), esc(tr("This event carries no context.")));
    return html;
}

} // namespace homeport::ui
