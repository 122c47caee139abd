#include "channels_debug_console.h"

#include "channels_debug_filter.h"
#include "channels_debug_model.h"
#include "theme.h"
#include "theme_follower.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace homeport::ui {

using Kind = channels::DebugEvent::Kind;

namespace {
QList<Kind> kindsOf(ChannelsDebugConsole::KindGroup group)
{
    using G = ChannelsDebugConsole::KindGroup;
    switch (group) {
    case G::Connections:
        return {Kind::Connection, Kind::Disconnection};
    case G::Subscriptions:
        return {Kind::Subscribed, Kind::Unsubscribed};
    case G::ApiMessages:
        return {Kind::ApiMessage};
    case G::ClientEvents:
        return {Kind::ClientEvent};
    case G::Errors:
        return {Kind::Error};
    case G::Webhooks:
        return {Kind::Webhook};
    }
    return {};
}
} // namespace

ChannelsDebugConsole::ChannelsDebugConsole(QWidget *parent)
    : QWidget(parent)
    , m_model(new ChannelsDebugModel(this))
    , m_filter(new ChannelsDebugFilter(this))
    , m_view(new QTableView(this))
    , m_app(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_pause(new QPushButton(tr("Pause"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_held(new QLabel(this))
    , m_count(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_flushTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("channelsDebugConsole"));

    m_app->setObjectName(QStringLiteral("debugAppFilter"));
    m_app->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setApps({});
    connect(m_app, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setAppId(m_app->currentData().toString()); });
    m_text->setObjectName(QStringLiteral("debugTextFilter"));
    m_text->setPlaceholderText(tr("Channel, event or text contains…"));
    m_text->setClearButtonEnabled(true);
    connect(m_text, &QLineEdit::textChanged, this, &ChannelsDebugConsole::setTextFilter);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold new events so the list stands still; they are counted and shown on Resume"));
    connect(m_pause, &QPushButton::toggled, this, &ChannelsDebugConsole::setPaused);
    m_clear->setObjectName(QStringLiteral("clearButton"));
    m_clear->setToolTip(tr("Clears this view; the service keeps running"));
    connect(m_clear, &QPushButton::clicked, this, &ChannelsDebugConsole::clear);
    m_held->setObjectName(QStringLiteral("heldLabel"));
    m_held->setStyleSheet(QStringLiteral("color: %1; font-weight: 600").arg(Theme::busy().darker(125).name()));
    m_count->setObjectName(QStringLiteral("hint"));

    const QString groupTitles[] = {tr("Connections"), tr("Subscriptions"), tr("API messages"),
                                   tr("Client events"), tr("Errors"),       tr("Webhooks")};
    const char *groupNames[] = {"connections", "subscriptions", "api", "client", "errors", "webhooks"};
    // Two rows of three: one row of six made the Debug console tab wider than the window the
    // console opens with.
    auto *kinds = new QGridLayout;
    kinds->setHorizontalSpacing(10);
    kinds->setVerticalSpacing(2);
    auto *showLabel = new QLabel(tr("Show:"), this);
    showLabel->setObjectName(QStringLiteral("muted"));
    kinds->addWidget(showLabel, 0, 0);
    for (int g = 0; g < 6; ++g) {
        auto *box = new QCheckBox(groupTitles[g], this);
        box->setObjectName(QStringLiteral("kind-") + QLatin1String(groupNames[g]));
        box->setChecked(true);
        const KindGroup group = KindGroup(g);
        connect(box, &QCheckBox::toggled, this, [this, group](bool on) {
            for (Kind kind : kindsOf(group))
                m_filter->setKindVisible(kind, on);
            updateStatus();
        });
        m_kinds.append(box);
        kinds->addWidget(box, g / 3, 1 + g % 3);
    }
    kinds->setColumnStretch(4, 1);

    auto *tools = new QHBoxLayout;
    tools->setSpacing(8);
    tools->addWidget(m_app);
    tools->addWidget(m_text, 1);
    tools->addWidget(m_count);
    tools->addWidget(m_held);
    tools->addWidget(m_pause);
    tools->addWidget(m_clear);

    m_filter->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("debugTable"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ChannelsDebugModel::TimeColumn, Qt::DescendingOrder); // newest first, as Pusher shows
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    // Narrow enough that Details (the stretching last column) stays in view beside the form.
    m_view->setColumnWidth(ChannelsDebugModel::TimeColumn,
                           m_view->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + em * 2);
    m_view->setColumnWidth(ChannelsDebugModel::KindColumn, em * 7);
    m_view->setColumnWidth(ChannelsDebugModel::AppColumn, em * 6);
    m_view->setColumnWidth(ChannelsDebugModel::SocketColumn, em * 7);
    m_view->setColumnWidth(ChannelsDebugModel::ChannelColumn, em * 8);
    m_view->setColumnWidth(ChannelsDebugModel::EventColumn, em * 7);
    m_view->setColumnWidth(ChannelsDebugModel::SocketColumn, em * 6);

    m_empty->setObjectName(QStringLiteral("debugEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    setMutedText(m_empty, QStringLiteral("padding: 24px"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(tools);
    layout->addLayout(kinds);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    m_flushTimer->setInterval(kFlushIntervalMs);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &ChannelsDebugConsole::flush);
    connect(m_model, &ChannelsDebugModel::heldCountChanged, this, &ChannelsDebugConsole::updateStatus);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &ChannelsDebugConsole::updateStatus);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ChannelsDebugConsole::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ChannelsDebugConsole::updateStatus);
    updateStatus();
}

QCheckBox *ChannelsDebugConsole::kindCheckBox(KindGroup group) const
{
    return m_kinds.value(int(group));
}

bool ChannelsDebugConsole::isPaused() const
{
    return m_model->isPaused();
}

QString ChannelsDebugConsole::heldText() const
{
    return m_held->text();
}

QString ChannelsDebugConsole::emptyText() const
{
    return m_empty->isHidden() ? QString() : m_empty->text();
}

void ChannelsDebugConsole::setApps(const QList<channels::AppInfo> &apps)
{
    const QString current = m_app->currentData().toString();
    QHash<QString, QString> names;
    {
        const QSignalBlocker block(m_app); // the filter follows only the user's choice
        m_app->clear();
        m_app->addItem(tr("All apps"), QString());
        for (const channels::AppInfo &app : apps) {
            m_app->addItem(app.name.isEmpty() ? app.id : app.name, app.id);
            names.insert(app.id, app.name.isEmpty() ? app.id : app.name);
        }
        const int index = m_app->findData(current);
        m_app->setCurrentIndex(std::max(0, index));
    }
    m_filter->setAppId(m_app->currentData().toString());
    m_model->setAppNames(names);
}

void ChannelsDebugConsole::addEvent(const channels::DebugEvent &event)
{
    m_incoming.append(event);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void ChannelsDebugConsole::addEvents(const QList<channels::DebugEvent> &events)
{
    m_incoming.append(events);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void ChannelsDebugConsole::flush()
{
    m_flushTimer->stop();
    if (m_incoming.isEmpty())
        return;
    m_model->append(std::exchange(m_incoming, {}));
    updateStatus();
}

void ChannelsDebugConsole::setPaused(bool paused)
{
    flush(); // what arrived before the click belongs on screen
    m_model->setPaused(paused);
    if (m_pause->isChecked() != paused) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setProperty("primary", paused);
    m_pause->style()->unpolish(m_pause);
    m_pause->style()->polish(m_pause);
    updateStatus();
}

void ChannelsDebugConsole::clear()
{
    m_incoming.clear();
    m_model->clear();
    updateStatus();
}

void ChannelsDebugConsole::setAppFilter(const QString &appId)
{
    const int index = m_app->findData(appId);
    m_app->setCurrentIndex(std::max(0, index));
    m_filter->setAppId(m_app->currentData().toString());
    updateStatus();
}

void ChannelsDebugConsole::setTextFilter(const QString &text)
{
    if (m_text->text() != text)
        m_text->setText(text);
    m_filter->setText(text);
    updateStatus();
}

void ChannelsDebugConsole::updateStatus()
{
    const int held = m_model->heldCount();
    const QLocale locale;
    const QString heldText = held == 1 ? tr("1 new event") : tr("%1 new events").arg(locale.toString(held));
    m_held->setText(m_model->isPaused() ? heldText : QString());
    m_held->setVisible(m_model->isPaused());
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? (total == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(total)))
                                    : tr("%1 of %2 events").arg(locale.toString(shown), locale.toString(total)));
    if (total == 0)
        m_empty->setText(m_model->isPaused()
                             ? tr("Paused. New events are counted above and appear when you resume.")
                             : tr("No events yet. Connect a client or send a test event: connections, "
                                  "subscriptions, API messages and client events stream in here live."));
    else
        m_empty->setText(tr("No events match the filters."));
    m_empty->setVisible(shown == 0);
    m_view->setVisible(shown > 0);
}

} // namespace homeport::ui
