#pragma once
// TableFilter: the text box over a table that hides the rows whose cells do not contain the
// text (case-insensitive, every column), and the header clicks that sort it. MainWindow gives
// one to every table of every page that has no filter of its own, so each table can be sorted
// and filtered the same way.
// Thread affinity: the GUI thread.

#include <QLineEdit>
#include <QPointer>
#include <QTableView>


namespace homeport::ui {

class TableFilter : public QLineEdit
{
    Q_OBJECT
public:
    // A property of a table (or of the stack it is in) holding a QBoxLayout* (as QObject*): the
    // filter goes at the end of that row rather than on a line of its own over the table.
    static constexpr const char *kTableFilterRow = "tableFilterRow";

    // Puts a filter over `view` (in the box layout that holds it, or holds the stack it is in;
    // hidden while the stack shows its empty state) and makes the view sortable; null when there
    // is no layout to put it in.
    static TableFilter *install(QTableView *view);

    QTableView *view() const { return m_view; }
    // Rows shown now, of all the model's rows.
    int shownRows() const;

private:
    explicit TableFilter(QTableView *view, QWidget *parent);
    void watchModel();
    void scheduleApply();
    void apply();

    QPointer<QTableView> m_view;
    bool m_applyQueued = false;
};

} // namespace homeport::ui
