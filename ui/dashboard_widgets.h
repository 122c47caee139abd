#pragma once
// Dashboard widgets: the builders the service pages' tabs share (cards, titles, hints, stat tiles,
// sortable tables, empty-state stacks), so every page's dashboard looks and behaves alike.
// Thread affinity: the GUI thread.

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

class QAbstractItemModel;
class QFrame;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QLayout;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;
class QVBoxLayout;
class QWidget;
class QObject;
class QPushButton;

namespace homeport::ui {

// Asked before anything destructive; returns whether to go ahead. Pages let tests replace it.
using ConfirmFunction = std::function<bool(QWidget *parent, const QString &title, const QString &text)>;
// The ConfirmFunction pages start with: a Yes/Cancel question box, Cancel by default.
bool confirmWithMessageBox(QWidget *parent, const QString &title, const QString &text);

// Makes `contents` the scrolling body of `page`: pages scroll rather than squeeze when the
// window is small.
void putInPageScroll(QWidget *page, QWidget *contents);

// A framed "card" (styled by the theme's [card="true"] rule) with its vertical layout.
QFrame *makeCard(QWidget *parent, QVBoxLayout **layout);
QLabel *makeSectionTitle(const QString &text, QWidget *parent);
// A word-wrapped secondary line.
QLabel *makeHint(const QString &text, QWidget *parent);
// Shows `text` in `label` for a few seconds; a later message is not cut short by an earlier timer.
void showTransientMessage(QLabel *label, const QString &text);

// One "label: value" row of a details card; returns the value label (selectable, `objectName`).
QLabel *addDetailRow(QGridLayout *grid, int row, const QString &label, const QString &objectName, QWidget *parent);

// The tools over a table of records the user edits: New (primary), Edit…, Delete… and a line for
// short messages. Buttons are named new<Record>Button, edit<Record>Button, delete<Record>Button.
struct RecordTools {
    QHBoxLayout *layout;
    QPushButton *newButton;
    QPushButton *editButton;
    QPushButton *deleteButton;
    QLabel *message;
};
RecordTools makeRecordTools(const QString &newText, const QString &record, QWidget *page);

// A row of Overview tiles, one a (name, caption): a big number (object name "stat-<name>", kept
// in `values` by name) over its caption.
QHBoxLayout *makeStatTiles(const QList<QPair<QString, QString>> &stats, QHash<QString, QLabel *> *values);

// The dashboard's tab widget (document mode, at least `minimumHeight` tall) and its tab pages:
// each page is named `pageObjectName`, which the dashboard's style sheet paints in the page colour
// so the cards inside sit on it like the rest of the console.
QTabWidget *makeDashboardTabs(QWidget *dashboard, const QString &objectName, int minimumHeight);
QString tabPageStyleSheet(const QString &pageObjectName);
// Gives `page` (or a new page in `tabs`) its `layout`, name and margins; returns the page.
QWidget *finishTabPage(QWidget *page, QLayout *layout, const QString &pageObjectName);
// A tab page of a tool row over `content` (which takes the height), finished as above.
QWidget *finishTabPage(QWidget *page, QLayout *tools, QWidget *content, const QString &pageObjectName);
// The yellow notice above a dashboard's tabs (not running, not connected); hidden until set.
QLabel *makeDashboardBanner(QWidget *dashboard, const QString &objectName);
// The page's dashboard: the banner over the tabs.
void layOutDashboard(QWidget *dashboard, QLabel *banner, QTabWidget *tabs);

// A read-only, single-row-selection, sortable table over `model`, without grid or row numbers.
void setUpTableView(QTableView *view, QAbstractItemModel *model, const QString &objectName);
// Columns as wide as their contents, except `stretchColumn`, which takes the rest of the width.
void fitColumnsToContents(QTableView *view, int stretchColumn);
// A case-insensitive sorting (and filtering) proxy that sorts by the model's `sortRole`.
QSortFilterProxyModel *makeSortProxy(QAbstractItemModel *source, int sortRole, QObject *parent);
// Selects the row `sourceRow` of `proxy`'s source model in `view` (nothing for -1).
void selectSourceRow(QTableView *view, QSortFilterProxyModel *proxy, int sourceRow);
// The first selected row's `role` value; an invalid QVariant without a selection.
QVariant selectedRowData(const QTableView *view, int role);

// A read-only, single-row-selection, sortable item table without grid, row numbers or wrapping:
// columns as wide as their contents except `stretchColumn`, which takes the rest of the width.
QTableWidget *makeItemTable(const QStringList &headers, const QString &objectName, int stretchColumn, QWidget *parent);
// The selectable, word-wrapped line under a tool row that says how the last action went.
QLabel *makeStatusMessage(const QString &objectName, QWidget *parent);
// Shows `text` in a makeStatusMessage() line, in the theme's failure colour when `error`.
void showStatusMessage(QLabel *label, const QString &text, bool error);

// The widget asks for `minimumHeight` and no more, and takes what its layout's stretch leaves it.
// A page with word-wrapped labels is laid out in its scroll at every widget's preferred height,
// and a chart's or a text view's is more than the window the console opens with has room for.
void takeLeftoverHeight(QWidget *widget, int minimumHeight);

// The stack that shows an empty state until there are rows: index 0 is `empty`, 1 is `content`.
QStackedWidget *makeEmptyStateStack(QWidget *empty, QWidget *content, QWidget *parent);
// Shows the content of a makeEmptyStateStack() stack while `hasRows`.
void showContentWhen(QStackedWidget *stack, bool hasRows);

} // namespace homeport::ui
