#pragma once
// Where Homeport's log lines go as they happen: the console keeps text on stderr; headless
// servers write one JSON object per line to stdout (time, level, service, category, message),
// which journald and log shippers take as they are. Also the live log level ([general] log_level).
// Thread affinity: useStdoutLog() and applyLogLevel() on the main thread; the writers they
// install run on whichever thread logs.

#include "core/log_stream.h"

#include <QString>

namespace homeport::app {

enum class LogFormat { Text, Json };

// "text" or "json" (case-insensitive); false for anything else.
bool parseLogFormat(const QString &name, LogFormat *format);
// One log line as the JSON object written to stdout, without the newline.
QByteArray logLineJson(const core::LogLine &line);
// Sends every following line to stdout in `format`.
void useStdoutLog(LogFormat format);

// debug | info | warning | error; empty lets every line through (Qt's defaults, which include the
// per-request access log at debug). Returns false for an unknown name and changes nothing.
bool applyLogLevel(const QString &level);
bool isLogLevel(const QString &level);

} // namespace homeport::app
