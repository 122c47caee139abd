#pragma once
// OpenAI's error body, {"error":{"message","type","param","code"}}, which the openai SDKs turn
// into typed exceptions (AuthenticationError for 401, NotFoundError for 404, ...), and the
// normalisation of what pods answer (vLLM's current and older shapes, plain text) into it.
// Thread affinity: none (pure functions).

#include <QByteArray>
#include <QString>

namespace homeport::inference {

// type defaults from the status the way OpenAI names them; code and param may be empty (null).
QByteArray openAiErrorBody(int status, const QString &message, const QString &type = {},
                           const QString &code = {}, const QString &param = {});

// A pod's error body in OpenAI's shape: keeps message/type/param/code when present, wraps flat
// or string errors, and falls back to the text (or the status phrase) for anything else.
QByteArray normalisedUpstreamError(int status, const QByteArray &body);

} // namespace homeport::inference
