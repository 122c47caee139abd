#pragma once
// Crash-safe file writes: an acknowledged write survives a power cut.
// Thread affinity: none (plain functions).

#include <QByteArray>
#include <QString>

namespace homeport::core {

// Writes `data` to a temporary file beside `path` created with `mode`, fsyncs it, renames it over
// `path` and fsyncs the directory, so readers see either the old or the new content, never half.
// Returns an empty string on success, otherwise a human-readable reason.
QString writeFileAtomically(const QString &path, const QByteArray &data, int mode = 0600);

// Writes all `n` bytes at `p` to `fd`, going on after short writes and EINTR.
// Returns false on any other error (errno tells which).
bool writeAll(int fd, const char *p, qint64 n);

} // namespace homeport::core
