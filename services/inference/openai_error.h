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

// OpenAI's 429 for a key over its rate limit: type "requests" or "tokens", code
// "rate_limit_exceeded", and a message with the limit, what was used and when to retry.
QByteArray rateLimitErrorBody(bool tokens, const QString &model, qint64 limit, qint64 used, qint64 retryAfterMs);
// OpenAI's 429 for an account out of credit (type and code "insufficient_quota"); the SDKs raise
// RateLimitError, and OpenAI's own clients know not to retry it.
QByteArray insufficientQuotaBody(qint64 budget, qint64 spent);

} // namespace homeport::inference
