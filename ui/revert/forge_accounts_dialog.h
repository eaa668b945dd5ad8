#pragma once

// Settings ▸ Forge Accounts: per host, which forge it runs (self-hosted servers cannot be told by
// name), its API address and a token. The token goes to the system keychain only; the dialog never
// shows a saved token, it only says whether there is one.
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace shiplog::ui {

class KeychainTokenStore;

class ForgeAccountsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ForgeAccountsDialog(QWidget* parent = nullptr, const QString& host = {});

    KeychainTokenStore* tokenStore() const { return m_store; }
    QLineEdit* hostEdit() const { return m_host; }
    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* apiEdit() const { return m_api; }
    QLineEdit* tokenEdit() const { return m_token; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* removeButton() const { return m_remove; }
    QListWidget* hostList() const { return m_list; }
    QString statusText() const;

signals:
    // A save or remove finished (the status label says how).
    void finishedStoring(bool ok);

private:
    void reloadList(const QString& select = {});
    void showHost(const QString& host);
    void updateApiPlaceholder();
    void save();
    void removeCurrent();
    void setStatus(const QString& text, bool error);

    KeychainTokenStore* m_store;
    QListWidget* m_list;
    QLineEdit* m_host;
    QComboBox* m_kind;
    QLineEdit* m_api;
    QLineEdit* m_token;
    QLabel* m_tokenState;
    QLabel* m_status;
    QPushButton* m_save;
    QPushButton* m_remove;
};

} // namespace shiplog::ui
