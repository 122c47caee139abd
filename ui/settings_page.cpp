#include "settings_page.h"

#include "dashboard_widgets.h"

#include "core/data_dir.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "service_commands.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
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
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

#include <atomic>

namespace homeport::ui {

namespace {

constexpr int kMoveProgressSteps = 1000; // the move dialog's bar, per mille of the bytes
const QString kGeneral = QStringLiteral("general");
const QString kAdmin = QStringLiteral("admin");
const QString kBind = QStringLiteral("bind");
const QString kPort = QStringLiteral("port");
const QString kEnabled = QStringLiteral("enabled");
const QString kConsole = QStringLiteral("console");
const QString kTlsCert = QStringLiteral("tls_cert");
const QString kTlsKey = QStringLiteral("tls_key");
const QString kLogLevel = QStringLiteral("log_level");

// The retention each service has: errors keeps events (days, a cap over every project's own),
// storage keeps unfinished multipart uploads (hours). The others keep only what clients store.
struct RetentionSetting {
    const char *service;
    const char *key;
    int defaultValue;
    int maximum;
};
constexpr RetentionSetting kRetention[] = {
    {"errors", "retention_days", 0, 3650},
    {"storage", "multipart_max_age_hours", 168, 24 * 365},
};

const RetentionSetting *retentionFor(const QString &service)
{
    for (const RetentionSetting &r : kRetention) {
        if (service == QLatin1String(r.service))
            return &r;
    }
    return nullptr;
}

QLineEdit *makePathEdit(QWidget *parent, const QString &objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setMinimumWidth(180);
    return edit;
}

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
    , m_move(new QPushButton(tr("Move data here…"), this))
    , m_logLevel(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_error(new QLabel(this))
    , m_message(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_restart(new QPushButton(tr("Restart changed services"), this))
    , m_restartApp(new QPushButton(tr("Restart Homeport"), this))
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
    networkForm->addItem(new QSpacerItem(0, 6));
    m_logLevel->setObjectName(QStringLiteral("logLevelCombo"));
    m_logLevel->addItem(tr("Everything (a line per request)"), QString());
    m_logLevel->addItem(tr("Debug"), QStringLiteral("debug"));
    m_logLevel->addItem(tr("Info"), QStringLiteral("info"));
    m_logLevel->addItem(tr("Warnings"), QStringLiteral("warning"));
    m_logLevel->addItem(tr("Errors"), QStringLiteral("error"));
    m_logLevel->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto *logHint = new QLabel(tr("Applies at once, to the Logs page and to the log on stdout or stderr."), network);
    logHint->setObjectName(QStringLiteral("hint"));
    networkForm->addRow(tr("Log level"), m_logLevel);
    networkForm->addRow(QString(), logHint);

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
    m_move->setObjectName(QStringLiteral("moveDataButton"));
    m_move->setToolTip(tr("Stops the services, moves everything into the folder above (which must be empty or new) "
                          "and starts them again"));
    m_move->setEnabled(bool(context.moveDataDir));
    connect(m_move, &QPushButton::clicked, this, [this] {
        const QString target = QDir::fromNativeSeparators(m_dataDir->text().trimmed());
        if (target.isEmpty() || QDir::cleanPath(target) == QDir::cleanPath(QDir::fromNativeSeparators(m_loadedDataDir))) {
            showMessage(tr("Choose another folder first."), true);
            return;
        }
        const auto answer = QMessageBox::question(
            this, tr("Move the data?"),
            tr("Homeport stops every service, moves its settings, keys and data to %1 and starts the services "
               "again. Clients cannot connect for the moment this takes.")
                .arg(QDir::toNativeSeparators(target)));
        if (answer == QMessageBox::Yes)
            moveDataDir(target);
    });
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dataDir, 1);
    dirRow->addWidget(browse);
    dirRow->addWidget(m_move);
    auto *dataHint = new QLabel(tr("Settings, keys and every service's data live here. Save keeps the data where it "
                                   "is and uses the new folder (empty) from the next start; Move takes everything "
                                   "there now. A folder that is not empty is refused."),
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
    m_restartApp->setObjectName(QStringLiteral("restartAppButton"));
    m_restartApp->hide();
    connect(m_restartApp, &QPushButton::clicked, this, [this] {
        if (m_context.restartApplication)
            m_context.restartApplication();
    });
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
    actions->addWidget(m_restartApp);
    actions->addStretch();

    auto *contents = new QWidget;
    contents->setObjectName(QStringLiteral("pageScrollContents"));
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(14);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addWidget(buildAppearance());
    layout->addWidget(network);
    layout->addWidget(servicesBox);
    layout->addWidget(buildSecurity(services));
    layout->addWidget(data);
    layout->addWidget(m_error);
    layout->addWidget(m_message);
    layout->addLayout(actions);
    layout->addStretch();

    putInPageScroll(this, contents);

    load();
}

QStringList SettingsPage::languageCodes()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("hi")};
}

QWidget *SettingsPage::buildAppearance()
{
    auto *box = new QGroupBox(tr("Appearance"), this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("Like the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const QString mode = m_theme->currentData().toString();
        if (m_context.settings)
            m_context.settings->setValue(kConsole, QStringLiteral("theme"), mode);
        Q_EMIT themeChanged(mode);
    });
    m_language->setObjectName(QStringLiteral("languageCombo"));
    // Each language in its own name, so whoever needs it can find it.
    const QStringList names = {tr("Like the system"), QStringLiteral("English"), QStringLiteral("Deutsch"),
                               QStringLiteral("हिन्दी")};
    const QStringList codes = languageCodes();
    for (int i = 0; i < codes.size(); ++i)
        m_language->addItem(names[i], codes[i]);
    m_language->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto *hint = new QLabel(tr("The theme applies at once. A new language applies when Homeport starts again."), box);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setWordWrap(true);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(16, 14, 16, 14);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Language"), m_language);
    form->addRow(QString(), hint);
    return box;
}

QWidget *SettingsPage::buildSecurity(const QStringList &services)
{
    auto *box = new QGroupBox(tr("TLS and retention"), this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(16, 14, 16, 14);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    const QString headers[] = {tr("Service"), tr("TLS certificate (PEM)"), tr("TLS key (PEM)"), tr("Retention")};
    for (int c = 0; c < 4; ++c) {
        auto *h = new QLabel(headers[c], box);
        h->setObjectName(QStringLiteral("hint"));
        grid->addWidget(h, 0, c);
    }
    int row = 1;
    for (const QString &name : services) {
        const core::ServiceInfo *info = core::findService(name);
        ServiceRow &r = m_rows[name];
        r.tlsCert = makePathEdit(box, QStringLiteral("tlsCert-") + name, tr("none: plain HTTP"));
        r.tlsKey = makePathEdit(box, QStringLiteral("tlsKey-") + name, tr("none"));
        auto withBrowse = [this, box](QLineEdit *edit, const QString &title) {
            auto *layout = new QHBoxLayout;
            layout->setSpacing(4);
            layout->addWidget(edit, 1);
            auto *browse = new QPushButton(tr("…"), box);
            browse->setToolTip(title);
            browse->setFixedWidth(32);
            connect(browse, &QPushButton::clicked, this, [this, edit, title] {
                const QString file = QFileDialog::getOpenFileName(this, title, edit->text(),
                                                                  tr("PEM files (*.pem *.crt *.key);;All files (*)"));
                if (!file.isEmpty())
                    edit->setText(QDir::toNativeSeparators(file));
            });
            layout->addWidget(browse);
            return layout;
        };
        grid->addWidget(new QLabel(info ? info->title : name, box), row, 0);
        grid->addLayout(withBrowse(r.tlsCert, tr("Choose the certificate for %1").arg(info ? info->title : name)), row, 1);
        grid->addLayout(withBrowse(r.tlsKey, tr("Choose the private key for %1").arg(info ? info->title : name)), row, 2);
        connect(r.tlsCert, &QLineEdit::textChanged, this, &SettingsPage::validate);
        connect(r.tlsKey, &QLineEdit::textChanged, this, &SettingsPage::validate);
        if (const RetentionSetting *retention = retentionFor(name)) {
            r.retention = new QSpinBox(box);
            r.retention->setObjectName(QStringLiteral("retention-") + name);
            r.retention->setRange(0, retention->maximum);
            r.retentionKey = QString::fromLatin1(retention->key);
            if (name == QLatin1String("errors")) {
                r.retention->setSuffix(tr(" days"));
                r.retention->setSpecialValueText(tr("each project's own"));
                r.retention->setToolTip(tr("Events older than this are removed from every project, whatever the "
                                           "project keeps (0: each project's own setting)"));
            } else {
                r.retention->setMinimum(1);
                r.retention->setSuffix(tr(" h"));
                r.retention->setToolTip(tr("Multipart uploads left unfinished longer than this are removed"));
            }
            grid->addWidget(r.retention, row, 3);
        } else {
            auto *none = new QLabel(tr("keeps what clients store"), box);
            none->setObjectName(QStringLiteral("hint"));
            grid->addWidget(none, row, 3);
        }
        ++row;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    auto *hint = new QLabel(tr("With a certificate and key a service serves HTTPS (and WSS) only, on the same port; "
                               "Connect snippets and the .env then say https. Both apply when the service "
                               "restarts."),
                            box);
    hint->setObjectName(QStringLiteral("hint"));
    hint->setWordWrap(true);
    grid->addWidget(hint, row, 0, 1, 4);
    return box;
}

void SettingsPage::showMessage(const QString &text, bool failure)
{
    m_message->setStyleSheet(QStringLiteral("color: %1").arg((failure ? Theme::failed() : Theme::running()).name()));
    m_message->setText(text);
}

QString SettingsPage::messageText() const
{
    return m_message->text();
}

bool SettingsPage::moveDataDir(const QString &target)
{
    if (!m_context.moveDataDir) {
        showMessage(tr("This console cannot move the data."), true);
        return false;
    }
    // The copy runs on a worker thread; this dialog shows how far it got and can stop it (the data
    // then stays where it was). A rename on one file system is over before the dialog would show.
    QProgressDialog progress(tr("Moving the data to %1…").arg(QDir::toNativeSeparators(target)), tr("Cancel"), 0,
                             kMoveProgressSteps, this);
    progress.setObjectName(QStringLiteral("moveProgress"));
    progress.setWindowTitle(tr("Moving the data"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    progress.setValue(0);
    std::atomic<bool> cancel{false};
    connect(&progress, &QProgressDialog::canceled, this, [&cancel, &progress] {
        cancel = true;
        progress.setLabelText(tr("Canceling; the data stays where it is…"));
    });
    core::DataMoveControl control;
    control.cancel = &cancel;
    control.progress = [dialog = &progress](qint64 done, qint64 total) {
        // From the worker: the dialog is updated on its own thread (it outlives the move).
        const int value = total > 0 ? int(done * kMoveProgressSteps / total) : 0;
        QMetaObject::invokeMethod(dialog, [dialog, value] { dialog->setValue(value); }, Qt::QueuedConnection);
    };
    QString error;
    const bool moved = m_context.moveDataDir(target, &error, control);
    progress.close();
    if (!moved) {
        showMessage(tr("Not moved: %1").arg(error), true);
        return false;
    }
    m_context.dataDir = QDir::cleanPath(target);
    load();
    showMessage(error.isEmpty() ? tr("Moved to %1; the services run from there.").arg(QDir::toNativeSeparators(target))
                                : tr("Moved to %1, with a warning: %2").arg(QDir::toNativeSeparators(target), error),
                !error.isEmpty());
    return true;
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

    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const QString &name = it.key();
        ServiceRow &r = it.value();
        for (auto [edit, key] : {std::pair{r.tlsCert, kTlsCert}, std::pair{r.tlsKey, kTlsKey}}) {
            const QString value = s.value(name, key).toString();
            m_loadedText.insert(name + QLatin1Char('/') + key, value);
            edit->setText(QDir::toNativeSeparators(value));
            describeSource(name, key, edit);
        }
        if (r.retention) {
            const RetentionSetting *retention = retentionFor(name);
            const int value = s.value(name, r.retentionKey, retention->defaultValue).toInt();
            m_loadedRetention.insert(name, value);
            r.retention->setValue(value);
            describeSource(name, r.retentionKey, r.retention);
        }
    }
    m_loadedLogLevel = s.value(kGeneral, kLogLevel).toString().trimmed().toLower();
    m_logLevel->setCurrentIndex(qMax(0, m_logLevel->findData(m_loadedLogLevel)));
    describeSource(kGeneral, kLogLevel, m_logLevel);
    {
        const QSignalBlocker quiet(m_theme); // loading is not choosing
        m_theme->setCurrentIndex(
            qMax(0, m_theme->findData(s.value(kConsole, QStringLiteral("theme"), QStringLiteral("system")).toString())));
    }
    m_loadedLanguage = s.value(kConsole, QStringLiteral("language")).toString();
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_loadedLanguage)));

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
    for (const QString &name : m_services) {
        const ServiceRow &r = m_rows.value(name);
        if (!r.tlsCert)
            continue;
        const core::ServiceInfo *info = core::findService(name);
        const QString title = info ? info->title : name;
        const QString cert = r.tlsCert->text().trimmed();
        const QString key = r.tlsKey->text().trimmed();
        if (cert.isEmpty() != key.isEmpty())
            return tr("%1 needs both a TLS certificate and its key, or neither.").arg(title);
        for (const QString &file : {cert, key}) {
            if (!file.isEmpty() && !QFileInfo(QDir::fromNativeSeparators(file)).isReadable())
                return tr("%1: cannot read %2.").arg(title, file);
        }
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
        // TLS and retention are read when the service starts: a change needs a restart too.
        bool otherChange = false;
        for (auto [edit, key] : {std::pair{r.tlsCert, kTlsCert}, std::pair{r.tlsKey, kTlsKey}}) {
            const QString value = QDir::fromNativeSeparators(edit->text().trimmed());
            if (edit->isEnabled() && value != m_loadedText.value(name + QLatin1Char('/') + key)) {
                write(name, key, value);
                otherChange = true;
            }
        }
        if (r.retention && r.retention->isEnabled() && r.retention->value() != m_loadedRetention.value(name)) {
            write(name, r.retentionKey, r.retention->value());
            otherChange = true;
        }
        if (otherChange && !changedAddress.contains(name))
            changedAddress << name;
    }
    const QString logLevel = m_logLevel->currentData().toString();
    const bool logLevelChanged = m_logLevel->isEnabled() && logLevel != m_loadedLogLevel;
    if (logLevelChanged) {
        write(kGeneral, kLogLevel, logLevel);
        if (m_context.applyLogLevel)
            m_context.applyLogLevel(logLevel);
    }
    const QString language = m_language->currentData().toString();
    if (language != m_loadedLanguage) {
        write(kConsole, QStringLiteral("language"), language);
        m_appRestartPending = true;
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
        notes << tr("Restart %1 to use the new settings.").arg(m_pendingRestarts.join(QStringLiteral(", ")));
    if (logLevelChanged)
        notes << tr("The log level applies now.");
    if (m_appRestartPending)
        notes << tr("The language changes when Homeport starts again.");
    m_restartApp->setVisible(m_appRestartPending && bool(m_context.restartApplication));
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
