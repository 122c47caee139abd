#pragma once
// ErrorsEventFormatter: reads a stored Sentry event (its JSON, as the SDK sent it after the
// service's normalisation) into what the issue view shows: the chained exceptions with their
// stack frames, breadcrumbs, the message, and rich-text renderings of the stack trace and the
// event's context (user, request, release, environment, SDK, tags, contexts). Events come from
// many SDKs and versions, so every field is optional and each known alternative shape is read
// (exception as {values} or a list, tags as pairs or a map, timestamps as floats or RFC 3339).
// Thread affinity: none (pure functions).

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace homeport::ui {

class ErrorsEventFormatter
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::ErrorsEventFormatter)
public:
    struct Frame {
        QString filename;
        QString absPath;
        QString function;
        QString module;
        int lineno = 0;
        int colno = 0;
        bool inApp = false;
        QString contextLine;
        QStringList preContext;
        QStringList postContext;
    };
    struct Exception {
        QString type;
        QString value;
        QString module;
        QString mechanism;      // e.g. "onunhandledrejection", with "handled: no" when known
        QList<Frame> frames;    // oldest first, as the SDK sends them; the crash site is last
    };
    struct Breadcrumb {
        QDateTime time;
        QString type;
        QString category;
        QString level;
        QString message;        // the message, or the data as compact JSON when there is none
    };

    // Outermost (newest) exception first; a message event with a stack trace (attach_stacktrace
    // or threads) gives one entry with an empty type.
    static QList<Exception> exceptions(const QJsonObject &event);
    // Newest first.
    static QList<Breadcrumb> breadcrumbs(const QJsonObject &event);
    static QList<QPair<QString, QString>> tags(const QJsonObject &event);
    // logentry.formatted, logentry.message, or message (string or object); empty if none.
    static QString message(const QJsonObject &event);
    static QDateTime timestamp(const QJsonValue &value);

    // The stack trace as rich text: each exception's type and value, then its frames newest
    // first; in-app frames highlighted with their source context (the line itself emphasised).
    // Runs of library frames are folded into one "show" link (href kExpandFramesLink) unless
    // `showLibraryFrames`; with no in-app frame at all every frame is shown.
    static QString stackTraceHtml(const QJsonObject &event, bool showLibraryFrames);
    static bool hasLibraryFrames(const QJsonObject &event);
    static QString contextHtml(const QJsonObject &event);

    static inline const QString kExpandFramesLink = QStringLiteral("homeport:toggle-frames");
};

} // namespace homeport::ui
