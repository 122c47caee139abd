#pragma once
// Helpers the service pages' GUI tests share: a service host on loopback, a console window
// opened on one service's page, that page shown as running, screenshots, the horizontal-fit
// check and table column reads.

#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_host.h"
#include "ui/console_context.h"
#include "ui/main_window.h"
#include "ui/service_page.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTest>

#include <memory>

namespace homeport::guitest {

// Clients of `service` are told to dial 127.0.0.1:`port`.
inline std::function<core::ClientSettings()> clientSettingsFor(const QString &service, quint16 port)
{
    return [service, port] {
        core::ClientSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.ports.insert(service, port);
        return settings;
    };
}

// Clients of `service` are told to dial 127.0.0.1:`port` with `secrets`.
inline std::function<core::ClientSettings()> clientSettingsFor(const QString &service, quint16 port,
                                                               const core::Secrets &secrets)
{
    return [service, port, secrets] {
        core::ClientSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.ports.insert(service, port);
        settings.secrets = secrets;
        return settings;
    };
}

// A host whose services listen on a free loopback port, each with its folder under `dataDir`
// and its own part of `secrets`, as app/ configures them.
inline std::unique_ptr<core::ServiceHost> loopbackHost(core::Metrics *metrics, const QString &dataDir,
                                                       const core::Secrets &secrets)
{
    return std::make_unique<core::ServiceHost>([metrics, dataDir, secrets](const QString &name) {
        core::ServiceContext context;
        context.name = name;
        context.dataDir = dataDir + QLatin1Char('/') + name;
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0;
        context.secrets = secrets.service(name);
        context.metrics = metrics;
        return context;
    });
}

// The port `service` listens on once `host` reports it running; 0 when it does not run in time.
inline quint16 waitForPort(core::ServiceHost *host, const QString &service)
{
    if (!QTest::qWaitFor([&] { return host->status(service).state == core::ServiceState::Running; }, 10000))
        return 0;
    return quint16(host->status(service).address.section(QLatin1Char(':'), -1).toUInt());
}

// The console exposed, showing `service`'s page, at the size it opens with (MainWindow's own,
// 1200 × 780) unless `size` is given.
inline std::unique_ptr<ui::MainWindow> openConsoleOn(const ui::ConsoleContext &context, const QString &service,
                                                     QSize size = {})
{
    auto window = std::make_unique<ui::MainWindow>(context);
    if (size.isValid())
        window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->showPage(service);
    return window;
}

// Without a host a page reads "stopped"; the cases run against a running service.
inline void showAsRunning(ui::ServicePage *page, const QString &service, quint16 port)
{
    core::ServiceStatus running;
    running.name = service;
    running.state = core::ServiceState::Running;
    running.address = QStringLiteral("127.0.0.1:%1").arg(port);
    running.since = QDateTime::currentDateTimeUtc();
    page->setStatus(running);
    page->refresh(); // the banner follows the state on the next refresh
}

// Saves the window as <HOMEPORT_GUI_SCREENSHOTS>/<fileName>.png, the page scrolled so `tabs`
// are in view as a user would; true when the variable is unset (nothing to save).
inline bool saveScreenshot(ui::MainWindow *window, ui::ServicePage *page, QTabWidget *tabs, const QString &fileName)
{
    const QString dir = qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    QDir().mkpath(dir);
    if (auto *scroll = page->findChild<QScrollArea *>(QStringLiteral("pageScroll"))) {
        scroll->ensureWidgetVisible(tabs, 0, 0);
        QApplication::processEvents();
    }
    return window->grab().save(dir + QLatin1Char('/') + fileName + QStringLiteral(".png"));
}

// At the window size the console opens with, tab `tab` fits the page's height: the page has no
// vertical scrolling to do (it scrolls only when the window is made smaller). The scroll area
// asks a layout with word-wrapped labels for its height at the viewport's width, which is more
// than its minimum height, so the check is the scroll bar's own range.
inline void verifyTabFitsVertically(ui::ServicePage *page, QTabWidget *tabs, int tab)
{
    auto *scroll = page->findChild<QScrollArea *>(QStringLiteral("pageScroll"));
    QVERIFY(scroll);
    tabs->setCurrentIndex(tab);
    QApplication::processEvents();
    QWidget *contents = scroll->widget();
    QVERIFY2(scroll->verticalScrollBar()->maximum() == 0,
             qPrintable(QStringLiteral("tab %1 scrolls by %2 px: the page is %3 px high at its width, its minimum %4, "
                                       "the window shows %5")
                            .arg(tabs->tabText(tab))
                            .arg(scroll->verticalScrollBar()->maximum())
                            .arg(contents->hasHeightForWidth() ? contents->heightForWidth(scroll->viewport()->width()) : -1)
                            .arg(contents->minimumSizeHint().height())
                            .arg(scroll->viewport()->height())));
}

// At the window size the console opens with, no tab may push the page sideways, nor make it
// scroll down.
inline void verifyEveryTabFits(ui::ServicePage *page, QTabWidget *tabs)
{
    auto *scroll = page->findChild<QScrollArea *>(QStringLiteral("pageScroll"));
    QVERIFY(scroll);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QApplication::processEvents();
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
                 qPrintable(QStringLiteral("tab %1 needs %2 px, the page has %3")
                                .arg(tabs->tabText(tab))
                                .arg(scroll->widget()->minimumSizeHint().width())
                                .arg(scroll->viewport()->width())));
        verifyTabFitsVertically(page, tabs, tab);
        if (QTest::currentTestFailed())
            return;
    }
}

// Column `column` of every row, in the order the view shows them.
inline QStringList column(const QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data().toString();
    return out;
}

// The first row whose `col` shows `text`; -1 for none.
inline int rowWith(const QAbstractItemModel *model, int col, const QString &text)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, col).data().toString() == text)
            return r;
    }
    return -1;
}

} // namespace homeport::guitest
