#include "connect_dialog.h"

#include "core/service_catalog.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr core::EnvFormat kFormats[] = {core::EnvFormat::Laravel, core::EnvFormat::Node, core::EnvFormat::Python,
                                        core::EnvFormat::Shell};
} // namespace

ConnectDialog::ConnectDialog(const QString &service, const core::ClientSettings &settings,
                             const core::ServiceStatus &status, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_tabs(new QTabWidget(this))
    , m_copyButton(new QPushButton(tr("Copy"), this))
    , m_copied(new QLabel(this))
{
    setObjectName(QStringLiteral("connectDialog"));
    const core::ServiceInfo *info = core::findService(service);
    const QString title = info ? info->title : service;
    setWindowTitle(tr("Connect to %1").arg(title));
    resize(720, 460);

    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    if (info) {
        intro->setText(tr("Homeport %1 speaks the %2. Point your app's %3 client at it with these settings; "
                          "the keys were generated for this installation.")
                           .arg(title, info->protocol, info->replaces));
    }

    auto *warning = new QLabel(this);
    warning->setObjectName(QStringLiteral("errorText"));
    warning->setWordWrap(true);
    if (status.state != core::ServiceState::Running) {
        warning->setText(status.state == core::ServiceState::Failed
                             ? tr("%1 is not running (%2). Start it before your app connects.").arg(title, status.reason)
                             : tr("%1 is %2. Start it before your app connects.")
                                   .arg(title, Theme::stateText(status.state)));
    }
    warning->setVisible(!warning->text().isEmpty());

    const QString hints[] = {
        tr("Paste into your Laravel app's .env file, then run “php artisan config:clear”."),
        tr("Paste into the Node.js module that creates the client."),
        tr("Paste into the Python module that creates the client."),
        tr("Paste into a shell (or your ~/.profile) before running scripts and command-line tools."),
    };
    const QString labels[] = {tr("Laravel .env"), tr("Node"), tr("Python"), tr("Shell")};
    for (int i = 0; i < 4; ++i) {
        auto *page = new QWidget(m_tabs);
        auto *layout = new QVBoxLayout(page);
        layout->setContentsMargins(10, 10, 10, 10);
        auto *hint = new QLabel(hints[i], page);
        hint->setObjectName(QStringLiteral("hint"));
        hint->setWordWrap(true);
        auto *text = new QPlainTextEdit(page);
        text->setObjectName(QStringLiteral("settingsText-") + core::envFormatName(kFormats[i]));
        text->setReadOnly(true);
        text->setFont(Theme::monospaceFont());
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        const QString rendered = settings.ports.contains(service)
            ? core::renderClientSettings(kFormats[i], settings, service)
            : QString();
        text->setPlainText(rendered.isEmpty() ? tr("No client settings are known for this service.") : rendered);
        layout->addWidget(hint);
        layout->addWidget(text, 1);
        m_tabs->addTab(page, labels[i]);
        m_texts.append(text);
    }

    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_copyButton->setProperty("primary", true);
    m_copied->setObjectName(QStringLiteral("hint"));
    connect(m_copyButton, &QPushButton::clicked, this, &ConnectDialog::copyCurrent);
    connect(m_tabs, &QTabWidget::currentChanged, m_copied, &QLabel::clear);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_copyButton);
    bottom->addWidget(m_copied, 1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(warning);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);
}

QString ConnectDialog::settingsText(core::EnvFormat format) const
{
    for (int i = 0; i < 4; ++i) {
        if (kFormats[i] == format)
            return m_texts[i]->toPlainText();
    }
    return {};
}

core::EnvFormat ConnectDialog::currentFormat() const
{
    return kFormats[std::max(0, m_tabs->currentIndex())];
}

void ConnectDialog::setCurrentFormat(core::EnvFormat format)
{
    for (int i = 0; i < 4; ++i) {
        if (kFormats[i] == format)
            m_tabs->setCurrentIndex(i);
    }
}

void ConnectDialog::copyCurrent()
{
    QApplication::clipboard()->setText(settingsText(currentFormat()));
    m_copied->setText(tr("Copied to the clipboard."));
    // The note fades after a while so a second copy gives fresh feedback.
    QTimer::singleShot(4000, m_copied, &QLabel::clear);
}

} // namespace homeport::ui
