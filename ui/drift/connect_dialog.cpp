#include "ui/drift/connect_dialog.h"

#include "core/drift/drift_session.h"
#include "ui/common/theme.h"
#include "ui/drift/context_list.h"
#include "ui/drift/drift_style.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace shiplog::ui {

using core::kube::Kubeconfig;
using core::kube::KubeconfigSources;

namespace {

QString tildePath(const QString& path)
{
    const QString home = QDir::homePath();
    if (path.startsWith(home + u'/'))
        return QStringLiteral("~") + path.mid(home.size());
    return QDir::toNativeSeparators(path);
}

} // namespace

ConnectDialog::ConnectDialog(core::drift::DriftSession* session, QWidget* parent)
    : QDialog(parent), m_session(session), m_sources(new QLabel(this)),
      m_chooseButton(new QPushButton(tr("Choose File…"), this)),
      m_defaultButton(new QPushButton(tr("Use Default"), this)), m_contexts(new ContextList(this)),
      m_details(new QLabel(this)), m_insecureBadge(new QLabel(this)), m_error(new QLabel(this)),
      m_progress(new QLabel(this)), m_buttons(new QDialogButtonBox(this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a Cluster"));
    m_chooseFile = [](QWidget* parent) {
        return QFileDialog::getOpenFileName(parent, tr("Choose a kubeconfig file"),
                                            QDir::homePath() + QStringLiteral("/.kube"));
    };

    auto* intro =
        new QLabel(tr("Shiplog compares the repository with the live objects of a cluster, read-only. "
                      "Choose a context of your kubeconfig, as kubectl would use it."),
                   this);
    intro->setWordWrap(true);

    m_sources->setObjectName(QStringLiteral("kubeconfigSources"));
    m_sources->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sources->setWordWrap(true);
    m_defaultButton->setToolTip(
        tr("Read KUBECONFIG (merged, first file wins) or ~/.kube/config, like kubectl"));
    m_chooseButton->setToolTip(tr("Read one kubeconfig file only, like kubectl --kubeconfig"));
    connect(m_chooseButton, &QPushButton::clicked, this, [this] {
        const QString file = m_chooseFile(this);
        if (!file.isEmpty())
            setKubeconfigPath(file);
    });
    connect(m_defaultButton, &QPushButton::clicked, this, [this] { setKubeconfigPath({}); });
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(new QLabel(tr("Kubeconfig:"), this));
    sourceRow->addWidget(m_sources, 1);
    sourceRow->addWidget(m_chooseButton);
    sourceRow->addWidget(m_defaultButton);

    m_details->setObjectName(QStringLiteral("contextDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_insecureBadge->setObjectName(QStringLiteral("insecureBadge"));
    m_insecureBadge->setText(tr("⚠ insecure-skip-tls-verify"));
    m_insecureBadge->setToolTip(
        tr("This context does not verify the server's certificate: anyone on the network path "
           "could impersonate the cluster."));
    drift::makeBadge(m_insecureBadge, drift::warningColor(palette()));
    m_insecureBadge->hide();
    auto* detailRow = new QHBoxLayout;
    detailRow->addWidget(m_details, 1);
    detailRow->addWidget(m_insecureBadge, 0, Qt::AlignTop);

    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, theme::errorColor(palette()));
    m_error->setPalette(errorPalette);
    m_error->hide();
    m_progress->setObjectName(QStringLiteral("connectProgress"));
    m_progress->setWordWrap(true);
    m_progress->hide();

    m_connectButton = m_buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_connectButton, &QPushButton::clicked, this, &ConnectDialog::connectSelected);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    connect(m_contexts, &QTreeWidget::currentItemChanged, this, &ConnectDialog::onSelectionChanged);
    connect(m_contexts, &QTreeWidget::itemActivated, this, [this] { connectSelected(); });
    m_loadJob.onResult(this, [this](const core::Result<Kubeconfig>& result) { onLoaded(result); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(sourceRow);
    layout->addWidget(m_contexts, 1);
    layout->addLayout(detailRow);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(860, 480);
    updateButtons();
    reload();
}

ConnectDialog::~ConnectDialog() = default; // the session's connections end with this receiver

void ConnectDialog::setKubeconfigPath(const QString& path)
{
    m_explicitPath = path;
    reload();
}

void ConnectDialog::setPreferredContext(const QString& context)
{
    m_preferredContext = context;
    if (m_config && !context.isEmpty())
        m_contexts->selectContext(context);
}

void ConnectDialog::reload()
{
    const KubeconfigSources sources = KubeconfigSources::fromEnvironment(m_explicitPath);
    QString text;
    if (!m_explicitPath.isEmpty()) {
        text = tr("%1 (only this file, like --kubeconfig)").arg(tildePath(m_explicitPath));
    } else if (sources.kubeconfigVariableSet && !sources.kubeconfigVariable.isEmpty()) {
        QStringList files;
        for (const QString& file : core::kube::kubeconfigFiles(sources))
            files.append(tildePath(file));
        text = tr("KUBECONFIG: %1 (merged, first file wins)").arg(files.join(QStringLiteral(", ")));
    } else {
        const QStringList files = core::kube::kubeconfigFiles(sources);
        text = files.isEmpty() ? tr("~/.kube/config") : tildePath(files.first());
    }
    m_sources->setText(text);
    m_defaultButton->setEnabled(!m_explicitPath.isEmpty());
    m_config.reset();
    m_contexts->clear();
    m_error->hide();
    m_details->clear();
    m_insecureBadge->hide();
    setBusy(true, tr("Reading the kubeconfig…"));
    m_loading = true;
    m_loadJob.run([](const KubeconfigSources& from) { return core::kube::loadKubeconfig(from); }, sources);
}

void ConnectDialog::onLoaded(const core::Result<Kubeconfig>& result)
{
    m_loading = false;
    setBusy(false);
    if (!result) {
        showError(result.error().message);
    } else if (result->contexts.isEmpty()) {
        m_config = *result;
        showError(result->files.isEmpty()
                      ? tr("No kubeconfig file was found (%1). Choose one with Choose File….")
                            .arg(m_sources->text())
                      : tr("%1 defines no contexts.").arg(result->files.join(QStringLiteral(", "))));
    } else {
        m_config = *result;
        m_contexts->setKubeconfig(*m_config, m_preferredContext);
        m_contexts->setFocus(); // arrows choose, Enter connects
        onSelectionChanged();
    }
    updateButtons();
    emit loaded();
}

QString ConnectDialog::selectedContext() const
{
    return m_contexts->selectedContext();
}

bool ConnectDialog::selectContext(const QString& name)
{
    return m_contexts->selectContext(name);
}

void ConnectDialog::onSelectionChanged()
{
    m_resolvable = false;
    m_insecureBadge->hide();
    if (!m_connecting)
        m_error->hide();
    const QString name = selectedContext();
    if (!m_config || name.isEmpty()) {
        m_details->clear();
        updateButtons();
        return;
    }
    const auto resolved = core::kube::resolveContext(*m_config, name);
    if (!resolved) {
        m_details->clear();
        showError(resolved.error().message);
        updateButtons();
        return;
    }
    m_resolvable = true;
    const core::kube::ConnectionConfig& c = *resolved;
    QString tls;
    if (c.cluster.insecureSkipTlsVerify)
        tls = tr("not verified (insecure-skip-tls-verify)");
    else if (!c.cluster.certificateAuthorityData.isEmpty())
        tls = tr("verified with the CA embedded in the kubeconfig");
    else if (!c.cluster.certificateAuthority.isEmpty())
        tls = tr("verified with the CA in %1").arg(tildePath(c.cluster.certificateAuthority));
    else if (c.cluster.server.startsWith(QLatin1String("http:")))
        tls = tr("none (plain HTTP)");
    else
        tls = tr("verified with the system's CAs");
    if (!c.cluster.tlsServerName.isEmpty())
        tls += tr(", expecting the name %1").arg(c.cluster.tlsServerName);
    const auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:10px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Server"), c.cluster.server);
    html += row(tr("TLS"), tls);
    html += row(tr("User"), QStringLiteral("%1 — %2").arg(c.user.name.isEmpty() ? tr("(none)") : c.user.name,
                                                          authenticationKind(c.user)));
    if (c.user.exec.isSet())
        html +=
            row(tr("Plugin"), QStringLiteral("%1 %2").arg(c.user.exec.command, c.user.exec.args.join(u' ')));
    if (!c.cluster.proxyUrl.isEmpty())
        html += row(tr("Proxy"), c.cluster.proxyUrl);
    html += row(tr("Namespace"), c.namespaceName);
    const core::kube::ContextConfig* context = m_config->context(name);
    if (context && !context->definedIn.isEmpty())
        html += row(tr("Defined in"), tildePath(context->definedIn));
    html += QStringLiteral("</table>");
    m_details->setText(html);
    m_insecureBadge->setVisible(c.cluster.insecureSkipTlsVerify);
    updateButtons();
}

void ConnectDialog::connectSelected()
{
    if (m_connecting || !m_config || !m_resolvable)
        return;
    const auto resolved = core::kube::resolveContext(*m_config, selectedContext());
    if (!resolved) {
        showError(resolved.error().message);
        return;
    }
    m_connection = *resolved;
    m_error->hide();
    m_connecting = true;
    for (const auto& c : std::as_const(m_sessionConnections))
        disconnect(c);
    m_sessionConnections = {
        connect(m_session, &core::drift::DriftSession::connected, this, &ConnectDialog::onConnected),
        connect(m_session, &core::drift::DriftSession::failed, this, &ConnectDialog::onFailed),
        connect(m_session, &core::drift::DriftSession::statusChanged, this,
                [this](const QString& line) {
                    if (m_connecting)
                        m_progress->setText(line);
                }),
    };
    setBusy(true,
            tr("Connecting to %1 (context %2)…").arg(m_connection.cluster.server, m_connection.contextName));
    m_session->connectTo(m_connection); // runs on the session's connection thread
}

void ConnectDialog::onConnected(const core::drift::ConnectionInfo& info)
{
    if (!m_connecting)
        return;
    m_connecting = false;
    m_info = info;
    setBusy(false);
    accept();
}

void ConnectDialog::onFailed(const QString& message)
{
    if (!m_connecting)
        return;
    m_connecting = false;
    setBusy(false);
    showError(message);
}

void ConnectDialog::reject()
{
    if (m_connecting) {
        m_connecting = false;
        m_session->disconnectFromCluster();
    }
    QDialog::reject();
}

void ConnectDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

QString ConnectDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ConnectDialog::sourcesText() const
{
    return m_sources->text();
}

bool ConnectDialog::showsInsecureBadge() const
{
    return !m_insecureBadge->isHidden();
}

void ConnectDialog::setBusy(bool busy, const QString& text)
{
    m_progress->setText(text);
    m_progress->setVisible(busy);
    m_contexts->setEnabled(!busy || !m_connecting);
    m_chooseButton->setEnabled(!m_connecting);
    updateButtons();
}

void ConnectDialog::updateButtons()
{
    m_connectButton->setEnabled(!m_connecting && m_config.has_value() && m_resolvable);
}

} // namespace shiplog::ui
