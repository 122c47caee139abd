#include "settings_page.h"

#include "dashboard_widgets.h"

#include "core/data_dir.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "service_commands.h"
#include "theme.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
const QString kGeneral = QStringLiteral("general");
const QString kAdmin = QStringLiteral("admin");
const QString kBind = QStringLiteral("bind");
const QString kPort = QStringLiteral("port");
const QString kEnabled = QStringLiteral("enabled");

QLabel *makeNote(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("sourceNote"));
    label->setWordWrap(true);
    return label;
}

QSpinBox *makePortBox(QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(1, 65535);
    box->setGroupSeparatorShown(false); // ports read as "8108", never "8,108"
    box->setMinimumWidth(90);
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    return box;
}
} // namespace

SettingsPage::SettingsPage(const ConsoleContext &context, const QStringList &services, ServiceCommands *commands,
                           QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_services(services)
    , m_commands(commands)
    , m_bind(new QLineEdit(this))
    , m_bindSource(makeNote(this))
    , m_adminPort(makePortBox(this))
    , m_adminSource(makeNote(this))
    , m_dataDir(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_restart(new QPushButton(tr("Restart changed services"), this))
{
    setObjectName(QStringLiteral("page-settings"));

    auto *title = new QLabel(tr("Settings"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    const QString file = context.settings ? context.settings->filePath() : QString();
    auto *subtitle = new QLabel(tr("Saved to %1. Command-line flags and HOMEPORT_* environment variables win over "
                                   "this file.")
                                    .arg(file.isEmpty() ? tr("homeport.ini") : file),
                                this);
    subtitle->setObjectName(QStringLiteral("pageSubtitle"));
    subtitle->setWordWrap(true);
    subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Network.
    auto *network = new QGroupBox(tr("Network"), this);
    m_bind->setObjectName(QStringLiteral("bindEdit"));
    m_bind->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_bind->setFixedWidth(220);
    auto *bindHint = new QLabel(tr("127.0.0.1 keeps the services private to this computer; 0.0.0.0 lets other "
                                   "machines on your network connect."),
                                network);
    bindHint->setObjectName(QStringLiteral("hint"));
    bindHint->setWordWrap(true);
    m_adminPort->setObjectName(QStringLiteral("adminPortSpin"));
    auto *adminHint = new QLabel(context.adminAddress.isEmpty()
                                     ? tr("Serves /health, /status and /metrics. Moves at the next start.")
                                     : tr("Now at http://%1 (/health, /status, /metrics). Moves at the next start.")
                                           .arg(context.adminAddress),
                                 network);
    adminHint->setObjectName(QStringLiteral("hint"));
    adminHint->setWordWrap(true);
    auto *networkForm = new QFormLayout(network);
    networkForm->setContentsMargins(16, 14, 16, 14);
    networkForm->setVerticalSpacing(6);
    networkForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Each field with where its value comes from, right beside it.
    auto fieldRow = [network](QWidget *field, QLabel *source) {
        auto *row = new QHBoxLayout;
        row->setSpacing(12);
        row->addWidget(field);
        row->addWidget(source, 1);
        return row;
    };
    networkForm->addRow(tr("Bind address"), fieldRow(m_bind, m_bindSource));
    networkForm->addRow(QString(), bindHint);
    networkForm->addItem(new QSpacerItem(0, 6));
    networkForm->addRow(tr("Admin API port"), fieldRow(m_adminPort, m_adminSource));
    networkForm->addRow(QString(), adminHint);

    // Services.
    auto *servicesBox = new QGroupBox(tr("Services"), this);
    auto *grid = new QGridLayout(servicesBox);
    grid->setContentsMargins(16, 14, 16, 14);
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(8);
    const QString headers[] = {tr("Service"), tr("Start at launch"), tr("Port"), tr("Comes from")};
    for (int c = 0; c < 4; ++c) {
        auto *h = new QLabel(headers[c], servicesBox);
        h->setObjectName(QStringLiteral("hint"));
        grid->addWidget(h, 0, c);
    }
    int row = 1;
    for (const QString &name : services) {
        const core::ServiceInfo *info = core::findService(name);
        auto *label = new QLabel(info ? tr("%1 (%2)").arg(info->title, info->replaces) : name, servicesBox);
        ServiceRow r;
        r.enabled = new QCheckBox(servicesBox);
        r.enabled->setObjectName(QStringLiteral("enabled-") + name);
        r.enabled->setToolTip(tr("Start %1 when Homeport starts").arg(info ? info->title : name));
        r.port = makePortBox(servicesBox);
        r.port->setObjectName(QStringLiteral("port-") + name);
        r.source = makeNote(servicesBox);
        r.source->setObjectName(QStringLiteral("source-") + name);
        grid->addWidget(label, row, 0);
        grid->addWidget(r.enabled, row, 1, Qt::AlignHCenter);
        grid->addWidget(r.port, row, 2);
        grid->addWidget(r.source, row, 3);
        m_rows.insert(name, r);
        connect(r.port, &QSpinBox::valueChanged, this, &SettingsPage::validate);
        ++row;
    }
    grid->setColumnStretch(3, 1);
    auto *servicesHint = new QLabel(tr("A new port applies when the service restarts; “start at launch” applies at "
                                       "the next start of Homeport."),
                                    servicesBox);
    servicesHint->setObjectName(QStringLiteral("hint"));
    servicesHint->setWordWrap(true);
    grid->addWidget(servicesHint, row, 0, 1, 4);

    // Data.
    auto *data = new QGroupBox(tr("Data"), this);
    m_dataDir->setObjectName(QStringLiteral("dataDirEdit"));
    auto *browse = new QPushButton(tr("Choose…"), data);
    browse->setObjectName(QStringLiteral("browseButton"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the data folder"), m_dataDir->text());
        if (!dir.isEmpty())
            m_dataDir->setText(QDir::toNativeSeparators(dir));
    });
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dataDir, 1);
    dirRow->addWidget(browse);
    auto *dataHint = new QLabel(tr("Settings, keys and every service's data live here. A new folder applies at the "
                                   "next start of Homeport; nothing is moved, the new folder starts empty."),
                                data);
    dataHint->setObjectName(QStringLiteral("hint"));
    dataHint->setWordWrap(true);
    auto *dataForm = new QFormLayout(data);
    dataForm->setContentsMargins(16, 14, 16, 14);
    dataForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    dataForm->addRow(tr("Data folder"), dirRow);
    dataForm->addRow(QString(), dataHint);

    // Actions.
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setProperty("primary", true);
    auto *revert = new QPushButton(tr("Revert"), this);
    revert->setObjectName(QStringLiteral("revertButton"));
    m_restart->setObjectName(QStringLiteral("restartChangedButton"));
    m_restart->hide();
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("saveMessage"));
    m_message->setWordWrap(true);
    connect(m_save, &QPushButton::clicked, this, &SettingsPage::save);
    connect(revert, &QPushButton::clicked, this, &SettingsPage::load);
    connect(m_restart, &QPushButton::clicked, this, &SettingsPage::restartChangedServices);
    connect(m_bind, &QLineEdit::textChanged, this, &SettingsPage::validate);
    connect(m_adminPort, &QSpinBox::valueChanged, this, &SettingsPage::validate);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addWidget(revert);
    actions->addWidget(m_restart);
    actions->addStretch();

    auto *contents = new QWidget;
    contents->setObjectName(QStringLiteral("pageScrollContents"));
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(14);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addWidget(network);
    layout->addWidget(servicesBox);
    layout->addWidget(data);
    layout->addWidget(m_error);
    layout->addWidget(m_message);
    layout->addLayout(actions);
    layout->addStretch();

    putInPageScroll(this, contents);

    load();
}

QString SettingsPage::describeSource(const QString &section, const QString &key, QWidget *field) const
{
    const QString source = m_context.settings->sourceOf(section, key);
    const bool overridden = source == QLatin1String("flag") || source == QLatin1String("environment");
    field->setEnabled(!overridden);
    if (source == QLatin1String("flag"))
        return tr("Set by a command-line flag, which wins over this file; change it there.");
    if (source == QLatin1String("environment"))
        return tr("Set by %1 in the environment, which wins over this file; change it there.")
            .arg(core::Settings::environmentName(section, key));
    if (source == QLatin1String("file"))
        return tr("saved in homeport.ini");
    return tr("default");
}

void SettingsPage::load()
{
    if (!m_context.settings)
        return;
    core::Settings &s = *m_context.settings;
    m_loadedBind = s.value(kGeneral, kBind, QStringLiteral("127.0.0.1")).toString();
    m_bind->setText(m_loadedBind);
    QString note = describeSource(kGeneral, kBind, m_bind);
    m_bindSource->setText(note);
    m_bindSource->setProperty("override", !m_bind->isEnabled());

    m_loadedAdminPort = s.adminPort();
    m_adminPort->setValue(m_loadedAdminPort);
    m_adminSource->setText(describeSource(kAdmin, kPort, m_adminPort));
    m_adminSource->setProperty("override", !m_adminPort->isEnabled());

    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const QString &name = it.key();
        ServiceRow &r = it.value();
        m_loadedPorts.insert(name, s.servicePort(name));
        m_loadedEnabled.insert(name, s.serviceEnabled(name));
        r.port->setValue(s.servicePort(name));
        r.enabled->setChecked(s.serviceEnabled(name));
        const QString portNote = describeSource(name, kPort, r.port);
        const QString enabledNote = describeSource(name, kEnabled, r.enabled);
        const bool overridden = !r.port->isEnabled() || !r.enabled->isEnabled();
        QStringList notes;
        if (!r.port->isEnabled())
            notes << tr("Port: %1").arg(portNote);
        if (!r.enabled->isEnabled())
            notes << tr("Start at launch: %1").arg(enabledNote);
        if (notes.isEmpty()) {
            const bool inFile = s.sourceOf(name, kPort) == QLatin1String("file")
                || s.sourceOf(name, kEnabled) == QLatin1String("file");
            notes << (inFile ? tr("saved in homeport.ini") : tr("default"));
        }
        r.source->setText(notes.join(QLatin1Char('\n')));
        r.source->setProperty("override", overridden);
    }

    m_loadedDataDir = QDir::toNativeSeparators(m_context.dataDir.isEmpty() ? core::DataDir::defaultPath()
                                                                          : m_context.dataDir);
    m_dataDir->setText(m_loadedDataDir);
    // The "override" property selects another style rule; have the rules re-applied.
    for (QLabel *label : findChildren<QLabel *>()) {
        if (label->property("override").isValid()) {
            label->style()->unpolish(label);
            label->style()->polish(label);
        }
    }
    validate();
}

QString SettingsPage::validationError() const
{
    if (QHostAddress(m_bind->text().trimmed()).isNull())
        return tr("“%1” is not an IP address. Use 127.0.0.1 (this computer only), 0.0.0.0 (all IPv4 "
                  "interfaces) or one of this computer's addresses.")
            .arg(m_bind->text());
    QHash<int, QString> used;
    used.insert(m_adminPort->value(), tr("the admin API"));
    for (const QString &name : m_services) {
        const int port = m_rows.value(name).port->value();
        const core::ServiceInfo *info = core::findService(name);
        const QString title = info ? info->title : name;
        if (used.contains(port))
            return tr("%1 and %2 both use port %3; each needs a port of its own.").arg(used.value(port), title).arg(port);
        used.insert(port, title);
    }
    return {};
}

void SettingsPage::validate()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_save->setEnabled(error.isEmpty());
}

bool SettingsPage::save()
{
    if (!m_context.settings)
        return false;
    const QString invalid = validationError();
    if (!invalid.isEmpty()) {
        validate();
        return false;
    }
    core::Settings &s = *m_context.settings;
    QStringList errors;
    QStringList changedAddress;
    auto write = [&](const QString &section, const QString &key, const QVariant &value) {
        QString error;
        if (!s.setValue(section, key, value, &error))
            errors << error;
    };

    const QString bind = m_bind->text().trimmed();
    const bool bindChanged = m_bind->isEnabled() && bind != m_loadedBind;
    if (bindChanged)
        write(kGeneral, kBind, bind);
    const bool adminChanged = m_adminPort->isEnabled() && m_adminPort->value() != m_loadedAdminPort;
    if (adminChanged)
        write(kAdmin, kPort, m_adminPort->value());
    for (const QString &name : m_services) {
        const ServiceRow &r = m_rows.value(name);
        if (r.port->isEnabled() && r.port->value() != m_loadedPorts.value(name)) {
            write(name, kPort, r.port->value());
            changedAddress << name;
        } else if (bindChanged) {
            changedAddress << name;
        }
        if (r.enabled->isEnabled() && r.enabled->isChecked() != m_loadedEnabled.value(name))
            write(name, kEnabled, r.enabled->isChecked());
    }

    QStringList notes;
    const QString dataDir = QDir::fromNativeSeparators(m_dataDir->text().trimmed());
    if (!dataDir.isEmpty() && QDir::cleanPath(dataDir) != QDir::cleanPath(QDir::fromNativeSeparators(m_loadedDataDir))) {
        core::DataDir::setPreferredPath(dataDir);
        notes << tr("Homeport will keep its data in %1 from its next start.").arg(QDir::toNativeSeparators(dataDir));
    }
    if (adminChanged)
        notes << tr("The admin API moves to port %1 at the next start.").arg(m_adminPort->value());

    // Only services that are meant to run need a restart; one stopped on purpose stays stopped
    // and picks the new address up when it is next started.
    m_pendingRestarts.clear();
    for (const QString &name : changedAddress) {
        const core::ServiceState state =
            m_context.host ? m_context.host->status(name).state : core::ServiceState::Stopped;
        if (state != core::ServiceState::Stopped)
            m_pendingRestarts << name;
    }

    if (!errors.isEmpty()) {
        m_message->setStyleSheet(QStringLiteral("color: %1").arg(Theme::failed().name()));
        m_message->setText(tr("Could not save: %1").arg(errors.join(QStringLiteral("; "))));
        return false;
    }
    m_message->setStyleSheet(QStringLiteral("color: %1").arg(Theme::running().name()));
    if (!m_pendingRestarts.isEmpty())
        notes << tr("Restart %1 to use the new address.").arg(m_pendingRestarts.join(QStringLiteral(", ")));
    m_message->setText(tr("Saved.") + (notes.isEmpty() ? QString() : QLatin1Char(' ') + notes.join(QLatin1Char(' '))));
    m_restart->setVisible(!m_pendingRestarts.isEmpty());
    load(); // picks up the new sources ("saved in homeport.ini") and the new baseline
    return true;
}

void SettingsPage::restartChangedServices()
{
    for (const QString &name : std::as_const(m_pendingRestarts))
        m_commands->requestRestart(name);
    m_message->setText(tr("Restarting %1…").arg(m_pendingRestarts.join(QStringLiteral(", "))));
    m_pendingRestarts.clear();
    m_restart->hide();
}

} // namespace homeport::ui
