#pragma once
// PusherTestClient: a protocol-7 client on a real QWebSocket for the channels tests. It queues
// every received frame and answers pusher:ping like pusher-js does (unless told not to).
// Thread affinity: the test's thread.

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

class PusherTestClient : public QObject
{
public:
    explicit PusherTestClient(bool answerPings = true)
        : m_answerPings(answerPings)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (m_answerPings && message.value(QStringLiteral("event")).toString() == QLatin1String("pusher:ping")) {
                send({{QStringLiteral("event"), QStringLiteral("pusher:pong")}, {QStringLiteral("data"), QJsonObject{}}});
                return;
            }
            messages.append(message);
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] {
            closeCode = socket.closeCode();
            closed = true;
        });
    }

    void open(quint16 port, const QString &path)
    {
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(port).arg(path)));
    }
    // Opens /app/{key} with protocol 7 and waits for connection_established.
    bool connectTo(quint16 port, const QString &key)
    {
        open(port, QStringLiteral("/app/%1?protocol=7&client=qt-test&version=1.0").arg(key));
        const QJsonObject established = waitFor(QStringLiteral("pusher:connection_established"));
        socketId = data(established).value(QStringLiteral("socket_id")).toString();
        return !socketId.isEmpty();
    }

    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void subscribe(const QString &channel, const QString &auth = {}, const QString &channelData = {})
    {
        QJsonObject data{{QStringLiteral("channel"), channel}};
        if (!auth.isEmpty())
            data.insert(QStringLiteral("auth"), auth);
        if (!channelData.isEmpty())
            data.insert(QStringLiteral("channel_data"), channelData);
        send({{QStringLiteral("event"), QStringLiteral("pusher:subscribe")}, {QStringLiteral("data"), data}});
    }

    // Removes and returns the first queued frame with this event (and channel, if given),
    // waiting up to timeoutMs; an empty object when none came.
    QJsonObject waitFor(const QString &event, const QString &channel = {}, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            for (qsizetype i = 0; i < messages.size(); ++i) {
                const QJsonObject &m = messages.at(i);
                if (m.value(QStringLiteral("event")).toString() == event
                    && (channel.isEmpty() || m.value(QStringLiteral("channel")).toString() == channel))
                    return messages.takeAt(i);
            }
            if (timer.elapsed() > timeoutMs || closed)
                return {};
            QTest::qWait(5);
        }
    }
    bool has(const QString &event, const QString &channel = {}) const
    {
        for (const QJsonObject &m : messages)
            if (m.value(QStringLiteral("event")).toString() == event
                && (channel.isEmpty() || m.value(QStringLiteral("channel")).toString() == channel))
                return true;
        return false;
    }
    int waitClosed(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!closed && timer.elapsed() < timeoutMs)
            QTest::qWait(5);
        return closed ? int(closeCode) : -1;
    }

    // pusher:* data is a JSON-encoded string; client events may carry objects.
    static QJsonObject data(const QJsonObject &message)
    {
        const QJsonValue value = message.value(QStringLiteral("data"));
        return value.isObject() ? value.toObject() : QJsonDocument::fromJson(value.toString().toUtf8()).object();
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    QString socketId;
    bool closed = false;
    QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;

private:
    bool m_answerPings;
};
