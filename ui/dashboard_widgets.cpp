#include "dashboard_widgets.h"

#include "theme.h"
#include "theme_follower.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kTransientMessageMs = 5000;
}

bool confirmWithMessageBox(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

QFrame *makeCard(QWidget *parent, QVBoxLayout **layout)
{
    auto *card = new QFrame(parent);
    card->setProperty("card", true);
    *layout = new QVBoxLayout(card);
    (*layout)->setContentsMargins(16, 12, 16, 12);
    (*layout)->setSpacing(8);
    return card;
}

QLabel *makeSectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("sectionTitle"));
    return label;
}

QLabel *makeHint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QStringLiteral("hint"));
    label->setWordWrap(true);
    return label;
}

void showTransientMessage(QLabel *label, const QString &text)
{
    label->setText(text);
    QTimer::singleShot(kTransientMessageMs, label, [label, text] {
        if (label->text() == text)
            label->clear();
    });
}

QLabel *addDetailRow(QGridLayout *grid, int row, const QString &label, const QString &objectName, QWidget *parent)
{
    auto *name = new QLabel(label, parent);
    name->setObjectName(QStringLiteral("muted"));
    auto *value = new QLabel(parent);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(name, row, 0, Qt::AlignTop);
    grid->addWidget(value, row, 1);
    return value;
}

RecordTools makeRecordTools(const QString &newText, const QString &record, QWidget *page)
{
    RecordTools tools;
    tools.newButton = new QPushButton(newText, page);
    tools.newButton->setObjectName(QStringLiteral("new%1Button").arg(record));
    tools.newButton->setProperty("primary", true);
    tools.editButton = new QPushButton(QObject::tr("Edit…"), page);
    tools.editButton->setObjectName(QStringLiteral("edit%1Button").arg(record));
    tools.deleteButton = new QPushButton(QObject::tr("Delete…"), page);
    tools.deleteButton->setObjectName(QStringLiteral("delete%1Button").arg(record));
    tools.message = new QLabel(page);
    tools.message->setObjectName(QStringLiteral("hint"));
    tools.layout = new QHBoxLayout;
    tools.layout->setSpacing(8);
    tools.layout->addWidget(tools.newButton);
    tools.layout->addWidget(tools.editButton);
    tools.layout->addWidget(tools.deleteButton);
    tools.layout->addSpacing(8);
    tools.layout->addWidget(tools.message, 1);
    return tools;
}

QHBoxLayout *makeStatTiles(const QList<QPair<QString, QString>> &stats, QHash<QString, QLabel *> *values)
{
    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(12);
    for (const auto &[name, title] : stats) {
        QVBoxLayout *l = nullptr;
        QFrame *card = makeCard(nullptr, &l);
        l->setContentsMargins(14, 10, 14, 10);
        l->setSpacing(2);
        auto *value = new QLabel(QStringLiteral("0"), card);
        value->setObjectName(QStringLiteral("stat-") + name);
        value->setStyleSheet(QStringLiteral("font-size: 17pt; font-weight: 600;")); // text colour: the palette
        auto *caption = new QLabel(title, card);
        caption->setObjectName(QStringLiteral("muted"));
        l->addWidget(value);
        l->addWidget(caption);
        values->insert(name, value);
        tiles->addWidget(card, 1);
    }
    return tiles;
}

QTabWidget *makeDashboardTabs(QWidget *dashboard, const QString &objectName, int minimumHeight)
{
    auto *tabs = new QTabWidget(dashboard);
    tabs->setObjectName(objectName);
    tabs->setDocumentMode(true);
    tabs->setMinimumHeight(minimumHeight);
    return tabs;
}

QString tabPageStyleSheet(const QString &pageObjectName)
{
    return QStringLiteral("QWidget#%1 { background: %2; }").arg(pageObjectName, Theme::pageBackground().name());
}

QWidget *finishTabPage(QWidget *page, QLayout *layout, const QString &pageObjectName)
{
    page->setObjectName(pageObjectName);
    page->setLayout(layout); // reparents the widgets in `layout` into the page
    layout->setContentsMargins(12, 12, 12, 12);
    return page;
}

QWidget *finishTabPage(QWidget *page, QLayout *tools, QWidget *content, const QString &pageObjectName)
{
    auto *layout = new QVBoxLayout;
    layout->setSpacing(10);
    layout->addLayout(tools);
    layout->addWidget(content, 1);
    return finishTabPage(page, layout, pageObjectName);
}

QLabel *makeDashboardBanner(QWidget *dashboard, const QString &objectName)
{
    auto *banner = new QLabel(dashboard);
    banner->setObjectName(objectName);
    banner->setWordWrap(true);
    banner->setProperty("banner", true); // drawn by Theme::styleSheet(), light or dark
    banner->hide();
    return banner;
}

void layOutDashboard(QWidget *dashboard, QLabel *banner, QTabWidget *tabs)
{
    auto *layout = new QVBoxLayout(dashboard);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(banner);
    layout->addWidget(tabs, 1);
}

void setUpTableView(QTableView *view, QAbstractItemModel *model, const QString &objectName)
{
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->horizontalHeader()->setHighlightSections(false);
}

void fitColumnsToContents(QTableView *view, int stretchColumn)
{
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
}

QSortFilterProxyModel *makeSortProxy(QAbstractItemModel *source, int sortRole, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setSortRole(sortRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    return proxy;
}

void selectSourceRow(QTableView *view, QSortFilterProxyModel *proxy, int sourceRow)
{
    if (sourceRow < 0)
        return;
    const QModelIndex index = proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0));
    view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->setCurrentIndex(index);
}

QVariant selectedRowData(const QTableView *view, int role)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QVariant() : rows.first().data(role);
}

QStackedWidget *makeEmptyStateStack(QWidget *empty, QWidget *content, QWidget *parent)
{
    auto *stack = new QStackedWidget(parent);
    stack->addWidget(empty);
    stack->addWidget(content);
    return stack;
}

void showContentWhen(QStackedWidget *stack, bool hasRows)
{
    stack->setCurrentIndex(hasRows ? 1 : 0);
}

void takeLeftoverHeight(QWidget *widget, int minimumHeight)
{
    widget->setMinimumHeight(minimumHeight);
    widget->setSizePolicy(widget->sizePolicy().horizontalPolicy(), QSizePolicy::Ignored);
}

void putInPageScroll(QWidget *page, QWidget *contents)
{
    auto *scroll = new QScrollArea(page);
    scroll->setObjectName(QStringLiteral("pageScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(contents);
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

QTableWidget *makeItemTable(const QStringList &headers, const QString &objectName, int stretchColumn, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(false);
    for (int c = 0; c < headers.size(); ++c)
        table->horizontalHeader()->setSectionResizeMode(c, c == stretchColumn ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    table->setSortingEnabled(true);
    return table;
}

QLabel *makeStatusMessage(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void showStatusMessage(QLabel *label, const QString &text, bool error)
{
    setThemedStyleSheet(label, [error] {
        return QStringLiteral("color: %1").arg(error ? Theme::failed().name() : Theme::mutedText().name());
    });
    label->setText(text);
}

} // namespace homeport::ui
