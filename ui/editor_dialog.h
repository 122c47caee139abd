#pragma once
// EditorDialog: what the console's record editors (Channels app, Errors project) share: the
// error line, Save/Create and Cancel, checking the fields on Save, and the small field builders,
// so every editor validates, lays out and reads alike. Subclasses edit one copy of a record.
// Thread affinity: the GUI thread.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace homeport::ui {

class EditorDialog : public QDialog
{
    Q_OBJECT
public:
    // Empty when the fields can be saved, else what to fix (also shown in the dialog).
    virtual QString validate() const = 0;

public Q_SLOTS:
    // Closes only when validate() finds nothing; otherwise shows what to fix.
    void accept() override;

protected:
    using QDialog::QDialog;

    // Makes the error line and the buttons (Save reads "Create" for a new record). Called where
    // the subclass wants them in the focus chain.
    void createFooter(bool creating);
    // The dialog's layout, with the error line and the buttons; add the content with
    // insertContent() before them.
    QVBoxLayout *createLayout();
    static QSpinBox *makeSpinBox(int min, int max, int value, const QString &objectName, int minimumWidth,
                                 QWidget *parent);
    // The grey note under a form's fields.
    static QLabel *makeNote(const QString &text, QWidget *parent);
    // A record's generated ids and keys: monospace, selectable.
    static QLabel *makeIdLabel(const QString &text, QWidget *parent);
    // An absolute http:// or https:// address with a host (webhooks, alerts).
    static bool isWebAddress(const QString &url);

private:
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace homeport::ui
