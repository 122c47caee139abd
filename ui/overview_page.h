#pragma once
// OverviewPage: the whole house on one screen: a ServiceCard per registered service, the overall
// health sentence, where the admin API listens and where data lives.
// Thread affinity: the GUI thread.

#include "console_context.h"
#include "core/service.h"
#include "core/service_catalog.h"

#include <QList>
#include <QWidget>

class QLabel;

namespace homeport::ui {

class ServiceCard;
class ServiceCommands;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(const ConsoleContext &context, const QList<core::ServiceInfo> &services, ServiceCommands *commands,
                 QWidget *parent = nullptr);

    QList<ServiceCard *> cards() const { return m_cards; }
    ServiceCard *card(const QString &service) const;

public Q_SLOTS:
    void setStatus(const homeport::core::ServiceStatus &status);
    void setSnapshot(const QList<homeport::core::ServiceStatus> &snapshot);
    void refresh();
    // The overall health sentence under the title (MainWindow computes it once for everyone).
    void setSummary(const QString &text);

Q_SIGNALS:
    void connectRequested(const QString &service);
    void openRequested(const QString &service);
    void copyEnvRequested();

private:
    ConsoleContext m_context;
    QList<ServiceCard *> m_cards;
    QLabel *m_summary;
};

} // namespace homeport::ui
