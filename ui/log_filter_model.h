#pragma once
// LogFilterModel: hides log lines below a minimum level, of another service or without a search
// text, and sorts
// the rest (by time through LogModel::TimeRole, otherwise by the shown text).
// Thread affinity: the GUI thread.

#include <QSortFilterProxyModel>

namespace homeport::ui {

class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterModel(QObject *parent = nullptr);

    // A LogModel::severity() rank: 0 shows everything, 3 errors only.
    void setMinimumSeverity(int severity);
    int minimumSeverity() const { return m_minimumSeverity; }
    // Case-insensitive; matched against category and message.
    void setText(const QString &text);
    // Only one service's lines: its own category (homeport.<service>) and the engine's and the
    // host's lines about it (they start with the service's name). Empty shows every line.
    void setService(const QString &service);
    QString service() const { return m_service; }
    static bool lineIsAbout(const QString &category, const QString &message, const QString &service);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int m_minimumSeverity = 1;
    QString m_text;
    QString m_service;
};

} // namespace homeport::ui
