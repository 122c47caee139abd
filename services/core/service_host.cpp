#include "service_host.h"

#include "logging.h"

#include <QMutexLocker>
#include <QThread>

namespace homeport::core {

namespace {
QString formatAddress(const QHostAddress &address, quint16 port)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const QString host = address.toString();
    return (v6 ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':') + QString::number(port);
}
} // namespace

ServiceHost::ServiceHost(ContextProvider contextProvider, QObject *parent)
    : QObject(parent)
    , m_contextProvider(std::move(contextProvider))
{
    qRegisterMetaType<homeport::core::ServiceStatus>();
}

ServiceHost::~ServiceHost()
{
    shutdown();
}

void ServiceHost::addService(const QString &name, Factory factory)
{
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->factory = std::move(factory);
    entry->status.name = name;
    entry->status.since = QDateTime::currentDateTimeUtc();
    {
        QMutexLocker lock(&m_snapshotMutex);
        m_snapshot.append(entry->status);
    }
    m_entries.push_back(std::move(entry));
}

QStringList ServiceHost::names() const
{
    QStringList out;
    for (const auto &entry : m_entries)
        out << entry->name;
    return out;
}

QList<ServiceStatus> ServiceHost::snapshot() const
{
    QMutexLocker lock(&m_snapshotMutex);
    return m_snapshot;
}

ServiceStatus ServiceHost::status(const QString &name) const
{
    QMutexLocker lock(&m_snapshotMutex);
    for (const ServiceStatus &s : m_snapshot) {
        if (s.name == name)
            return s;
    }
    return {};
}

ServiceHost::Entry *ServiceHost::find(const QString &name)
{
    for (const auto &entry : m_entries) {
        if (entry->name == name)
            return entry.get();
    }
    qCWarning(lcCore) << "no service named" << name;
    return nullptr;
}

void ServiceHost::setState(Entry &entry, ServiceState state, const QString &reason, const QString &address)
{
    entry.status.state = state;
    entry.status.reason = reason;
    entry.status.address = address;
    entry.status.since = QDateTime::currentDateTimeUtc();
    {
        QMutexLocker lock(&m_snapshotMutex);
        for (ServiceStatus &s : m_snapshot) {
            if (s.name == entry.name)
                s = entry.status;
        }
    }
    if (state == ServiceState::Failed)
        qCWarning(lcCore).noquote() << entry.name << "failed:" << reason;
    else
        qCInfo(lcCore).noquote() << entry.name << toString(state) << address;
    Q_EMIT statusChanged(entry.status);
}

void ServiceHost::start(const QString &name)
{
    Entry *entry = find(name);
    if (!entry)
        return;
    if (entry->thread) {
        // Running or starting: nothing to do. Still tearing down: start once that is done.
        if (entry->service == nullptr)
            entry->startWhenStopped = true;
        return;
    }
    const ServiceContext context = m_contextProvider(name);
    setState(*entry, ServiceState::Starting);

    const quint64 generation = ++entry->generation;
    entry->thread = new QThread;
    entry->thread->setObjectName(QStringLiteral("homeport-") + name);
    entry->service = entry->factory().release();
    entry->service->moveToThread(entry->thread);
    QThread *thread = entry->thread;
    connect(thread, &QThread::finished, this, [this, name, thread] { onThreadFinished(name, thread); });
    thread->start();

    Service *service = entry->service;
    QMetaObject::invokeMethod(service, [this, service, context, name, generation] {
        const StartResult result = service->start(context);
        QMetaObject::invokeMethod(this, [this, name, generation, result] { onStartFinished(name, generation, result); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ServiceHost::onStartFinished(const QString &name, quint64 generation, const StartResult &result)
{
    Entry *entry = find(name);
    if (!entry || entry->generation != generation || !entry->service)
        return; // stopped meanwhile; the teardown already took care of it
    if (result.ok) {
        const ServiceContext context = m_contextProvider(name);
        setState(*entry, ServiceState::Running, {}, formatAddress(context.bindAddress, result.port));
        return;
    }
    setState(*entry, ServiceState::Failed, result.error.isEmpty() ? tr("failed to start") : result.error);
    tearDown(*entry, false);
}

void ServiceHost::stop(const QString &name)
{
    Entry *entry = find(name);
    if (!entry)
        return;
    entry->startWhenStopped = false;
    if (!entry->service)
        return; // already stopped or stopping
    ++entry->generation;
    setState(*entry, ServiceState::Stopping);
    tearDown(*entry, true);
}

void ServiceHost::restart(const QString &name)
{
    Entry *entry = find(name);
    if (!entry)
        return;
    if (entry->service) {
        stop(name);
        entry->startWhenStopped = true;
    } else {
        start(name);
    }
}

void ServiceHost::startAll(const QStringList &names)
{
    for (const QString &name : names)
        start(name);
}

void ServiceHost::stopAll()
{
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it)
        stop((*it)->name);
}

void ServiceHost::tearDown(Entry &entry, bool callStop)
{
    Service *service = entry.service;
    QThread *thread = entry.thread;
    entry.service = nullptr;
    // The service is deleted in its own thread, then the thread ends; onThreadFinished follows.
    QMetaObject::invokeMethod(service, [service, thread, callStop] {
        if (callStop)
            service->stop();
        delete service;
        thread->quit();
    }, Qt::QueuedConnection);
}

void ServiceHost::onThreadFinished(const QString &name, QThread *thread)
{
    thread->wait();
    thread->deleteLater();
    Entry *entry = find(name);
    if (!entry || entry->thread != thread)
        return;
    entry->thread = nullptr;
    if (entry->status.state != ServiceState::Failed)
        setState(*entry, ServiceState::Stopped);
    if (entry->startWhenStopped) {
        entry->startWhenStopped = false;
        start(name);
    }
}

void ServiceHost::shutdown()
{
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        Entry &entry = **it;
        entry.startWhenStopped = false;
        if (!entry.thread)
            continue;
        QThread *thread = entry.thread;
        disconnect(thread, &QThread::finished, this, nullptr);
        if (Service *service = entry.service) {
            ++entry.generation;
            entry.service = nullptr;
            setState(entry, ServiceState::Stopping);
            QMetaObject::invokeMethod(service, [service] {
                service->stop();
                delete service;
            }, Qt::BlockingQueuedConnection);
            thread->quit();
        }
        // Without a service the teardown is already queued in the thread and ends it itself;
        // quitting here could drop that job and leave the service's sockets open.
        thread->wait();
        delete thread;
        entry.thread = nullptr;
        if (entry.status.state != ServiceState::Failed)
            setState(entry, ServiceState::Stopped);
    }
}

} // namespace homeport::core
