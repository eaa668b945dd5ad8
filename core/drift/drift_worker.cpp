#include "core/drift/drift_worker.h"

#include "core/kube/client.h"
#include "core/kube/list.h"
#include "core/kube/live_cache.h"
#include "core/manifest/api_versions.h"

#include <QJsonDocument>
#include <QPointer>

namespace shiplog::core::drift {

namespace {

QString groupOf(const QJsonObject& o)
{
    const QString apiVersion = o.value(u"apiVersion").toString();
    return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
}

bool isSecret(const QJsonObject& o)
{
    return groupOf(o).isEmpty() && o.value(u"kind").toString() == u"Secret";
}

QString nameOf(const QJsonObject& o)
{
    return o.value(u"metadata").toObject().value(u"name").toString();
}
QString namespaceOf(const QJsonObject& o)
{
    return o.value(u"metadata").toObject().value(u"namespace").toString();
}

// The served type of a desired object; for an API version the cluster no longer serves, the type of
// its successor (extensions/v1beta1 Ingress → networking.k8s.io/v1), which the report compares with.
const kube::ApiResource* servedType(const kube::DiscoveryResult& discovery, const QJsonObject& o)
{
    const QString kind = o.value(u"kind").toString();
    if (const kube::ApiResource* type = discovery.find(groupOf(o), kind))
        return type;
    return discovery.find(groupOf(manifest::convertToServedVersion(o)), kind);
}

// Whether the cluster serves the object's apiVersion as git writes it (unknown groups: unless it is
// a known removal).
bool servedAsWritten(const kube::DiscoveryResult& discovery, const QJsonObject& o)
{
    const QString apiVersion = o.value(u"apiVersion").toString();
    const auto versions = discovery.groupVersions.constFind(groupOf(o));
    if (versions == discovery.groupVersions.cend())
        return !manifest::apiVersionMove(apiVersion, o.value(u"kind").toString());
    return versions->contains(apiVersion.section(u'/', -1));
}

} // namespace

DriftWorker::DriftWorker(DriftOptions options, QObject* parent) : QObject(parent), m_options(options)
{
    m_debounce.setParent(this); // moves with the worker to the connection thread
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(m_options.debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DriftWorker::publish);
}

DriftWorker::~DriftWorker()
{
    disconnectFromCluster();
}

void DriftWorker::disconnectFromCluster()
{
    ++m_epoch;
    m_debounce.stop();
    m_cache.reset();
    if (m_client)
        m_client->cancelAll();
    m_client.reset();
    m_discovered = false;
    m_secrets.clear();
    m_secretErrors.clear();
    m_predicted.clear();
    m_pendingFetches = 0;
}

void DriftWorker::connectTo(const kube::ConnectionConfig& connection)
{
    disconnectFromCluster();
    m_connection = connection;
    emit statusChanged(QStringLiteral("Connecting to %1 (context %2)…")
                           .arg(connection.cluster.server, connection.contextName));
    auto client = kube::Client::create(
        connection, m_options.client); // may run an exec plugin: this is not the GUI thread
    if (!client) {
        emit failed(client.error().message);
        return;
    }
    m_client = std::move(*client);
    const int epoch = m_epoch;
    QPointer<DriftWorker> self(this);
    kube::discover(m_client.get(), [self, epoch](Result<kube::DiscoveryResult> result) {
        if (!self || self->m_epoch != epoch)
            return;
        if (!result) {
            emit self->failed(result.error().message);
            return;
        }
        self->m_discovery = *result;
        self->m_discovered = true;
        ConnectionInfo info;
        info.context = self->m_connection.contextName;
        info.server = self->m_connection.cluster.server;
        info.serverVersion = result->serverVersion;
        info.user = self->m_connection.user.name;
        info.credentials = self->m_client->credentialsDescription();
        info.namespaceName = self->m_connection.namespaceName;
        info.insecure = self->m_client->insecure();
        info.aggregatedDiscovery = result->aggregated;
        info.resourceTypes = int(result->resources.size());
        emit self->connected(info);
        if (self->m_haveDesired)
            self->startWatching();
    });
}

void DriftWorker::setDesired(const DesiredState& desired)
{
    m_desired = desired;
    m_haveDesired = true;
    m_marks = OwnershipMarks::learn(desired.objects, desired.extraMarks);
    if (m_discovered) {
        m_cache.reset();
        m_secrets.clear();
        m_secretErrors.clear();
        m_predicted.clear();
        ++m_epoch;
        startWatching();
    }
}

void DriftWorker::startWatching()
{
    kube::LiveCache::Options options;
    options.watch = m_options.watch;
    m_cache = std::make_unique<kube::LiveCache>(m_client.get(), options);
    QSet<QString> added;
    for (const QJsonObject& o : std::as_const(m_desired.objects)) {
        const kube::ApiResource* type = servedType(m_discovery, o);
        if (!type || added.contains(type->qualifiedName()))
            continue;
        added.insert(type->qualifiedName());
        // Secrets: inventory without values; the declared ones are fetched one by one below.
        m_cache->add(*type, type->group.isEmpty() && type->kind == u"Secret");
    }
    const int epoch = m_epoch;
    connect(m_cache.get(), &kube::LiveCache::allTypesSynced, this, [this, epoch]() {
        if (epoch != m_epoch)
            return;
        emit statusChanged(QStringLiteral("Listed %1 resource types from %2.")
                               .arg(m_cache->types().size())
                               .arg(m_connection.cluster.server));
        fetchDeclaredSecrets();
        if (m_options.serverSideDryRun)
            fetchDryRuns();
        if (m_pendingFetches == 0)
            publish();
    });
    connect(m_cache.get(), &kube::LiveCache::objectChanged, this,
            [this](const QString& type, const QString& key, const QString&) {
                if (type == u"secrets") {
                    m_secrets.remove(key);
                    m_secretErrors.remove(key);
                    fetchDeclaredSecrets();
                }
                if (m_options.serverSideDryRun)
                    m_predicted.clear(); // cheap and correct: recompute the predictions on change
                if (m_cache && m_cache->allSynced())
                    scheduleReport();
            });
    connect(m_cache.get(), &kube::LiveCache::connectionTrouble, this, [this](const QString& message) {
        emit statusChanged(QStringLiteral("Watch interrupted, reconnecting: %1").arg(message));
    });
    connect(m_cache.get(), &kube::LiveCache::typeSynced, this, [this]() {
        if (m_cache && m_cache->allSynced())
            scheduleReport();
    });
    if (added.isEmpty())
        QTimer::singleShot(0, this, &DriftWorker::publish);
}

void DriftWorker::fetchDeclaredSecrets()
{
    const kube::ApiResource* secrets = m_discovery.find(QString(), QStringLiteral("Secret"));
    if (!secrets || !m_cache || m_cache->state(*secrets).phase != kube::TypeState::Phase::Synced)
        return;
    const int epoch = m_epoch;
    QPointer<DriftWorker> self(this);
    for (const QJsonObject& o : std::as_const(m_desired.objects)) {
        if (!isSecret(o))
            continue;
        const QString ns = namespaceOf(o).isEmpty() ? m_connection.namespaceName : namespaceOf(o);
        const QString key = ns + u'/' + nameOf(o);
        if (m_secrets.contains(key) || m_secretErrors.contains(key) || !m_cache->object(*secrets, key))
            continue; // already fetched, or not in the cluster (reported missing)
        ++m_pendingFetches;
        kube::Request request;
        request.path = secrets->collectionPath(ns) + u'/' + nameOf(o);
        request.what = QStringLiteral("get secret %1").arg(key);
        m_client->send(request, [self, epoch, key, path = request.path](Result<kube::Reply> reply) {
            if (!self || self->m_epoch != epoch)
                return;
            --self->m_pendingFetches;
            // A body cut short (a reset mid-answer can still end as a "finished" reply) is no
            // Secret: an empty object would show every value as removed.
            QJsonParseError parseError;
            const QJsonDocument document =
                reply ? QJsonDocument::fromJson(reply->body, &parseError) : QJsonDocument();
            if (reply && (parseError.error != QJsonParseError::NoError || !document.isObject())) {
                self->m_secretErrors.insert(
                    key,
                    QStringLiteral("the answer to %1 is not a JSON object (%2 bytes): %3")
                        .arg(path, QString::number(reply->body.size()),
                             parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                          : QStringLiteral("not an object")));
            } else if (reply) {
                QJsonObject secret = document.object();
                secret.insert(QStringLiteral("kind"), QStringLiteral("Secret"));
                secret.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
                self->m_secrets.insert(key, secret);
                self->m_secretErrors.remove(key);
            } else {
                // The inventory holds metadata only: comparing it would show every value as removed.
                self->m_secretErrors.insert(key, reply.error().message);
            }
            if (self->m_pendingFetches == 0)
                self->scheduleReport();
        });
    }
}

void DriftWorker::fetchDryRuns()
{
    const int epoch = m_epoch;
    QPointer<DriftWorker> self(this);
    for (const QJsonObject& o : std::as_const(m_desired.objects)) {
        if (isSecret(o))
            continue; // desired Secret values are digests: dry-run them would write digests
        if (!servedAsWritten(m_discovery, o))
            continue; // the read-only comparison converts it and reports the version not served
        const kube::ApiResource* type = m_discovery.find(groupOf(o), o.value(u"kind").toString());
        if (!type || !type->can(QStringLiteral("patch")))
            continue;
        const QString ns = type->namespaced
                               ? (namespaceOf(o).isEmpty() ? m_connection.namespaceName : namespaceOf(o))
                               : QString();
        const QString objectKey = ns.isEmpty() ? nameOf(o) : ns + u'/' + nameOf(o);
        if (!m_cache->object(*type, objectKey))
            continue;
        const QString key = LiveSnapshot::typeKey(type->group, type->kind) + u'|' + objectKey;
        if (m_predicted.contains(key))
            continue;
        ++m_pendingFetches;
        kube::Request request;
        request.verb = "PATCH";
        request.path = type->collectionPath(ns) + u'/' + nameOf(o) +
                       QStringLiteral("?dryRun=All&fieldManager=shiplog&force=true");
        request.contentType = "application/apply-patch+yaml";
        request.body = QJsonDocument(o).toJson(QJsonDocument::Compact); // JSON is YAML
        request.what = QStringLiteral("dry-run apply %1 %2").arg(type->qualifiedName(), objectKey);
        m_client->send(request, [self, epoch, key, path = request.path](Result<kube::Reply> reply) {
            if (!self || self->m_epoch != epoch)
                return;
            --self->m_pendingFetches;
            if (reply)
                self->m_predicted.insert(key, QJsonDocument::fromJson(reply->body).object());
            else
                emit self->statusChanged(
                    QStringLiteral("Server-side dry run failed, using the read-only comparison: %1")
                        .arg(reply.error().message));
            if (self->m_pendingFetches == 0)
                self->scheduleReport();
        });
    }
}

void DriftWorker::scheduleReport()
{
    if (m_pendingFetches == 0)
        m_debounce.start();
}

LiveSnapshot DriftWorker::snapshot() const
{
    LiveSnapshot live;
    live.defaultNamespace = m_connection.namespaceName;
    live.servedVersions = m_discovery.groupVersions;
    if (!m_cache)
        return live;
    for (const kube::ApiResource& type : m_cache->types()) {
        const kube::TypeState state = m_cache->state(type);
        LiveType t;
        t.group = type.group;
        t.version = type.version;
        t.kind = type.kind;
        t.namespaced = type.namespaced;
        t.readable = state.phase == kube::TypeState::Phase::Synced;
        t.error = state.error.message;
        t.objects = m_cache->objects(type);
        if (type.group.isEmpty() && type.kind == u"Secret") {
            for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it)
                t.objects.insert(it.key(), it.value());
            t.objectErrors = m_secretErrors;
        }
        live.types.insert(LiveSnapshot::typeKey(type.group, type.kind), t);
    }
    // A group whose discovery failed may well serve the type: its resources are not readable,
    // never "missing in cluster".
    for (const QJsonObject& o : std::as_const(m_desired.objects)) {
        const QString group = groupOf(o);
        const QString key = LiveSnapshot::typeKey(group, o.value(u"kind").toString());
        if (live.types.contains(key))
            continue;
        for (auto it = m_discovery.failedGroupErrors.cbegin(); it != m_discovery.failedGroupErrors.cend();
             ++it) {
            if (it.key().section(u'/', 0, 0) != group || !it.key().contains(u'/'))
                continue;
            LiveType t;
            t.group = group;
            t.version = it.key().section(u'/', 1);
            t.kind = o.value(u"kind").toString();
            t.namespaced = !namespaceOf(o).isEmpty();
            t.readable = false;
            t.error = it.value();
            live.types.insert(key, t);
            break;
        }
    }
    // Types git declares that the server does not serve stay absent: those resources are missing.
    return live;
}

void DriftWorker::publish()
{
    if (!m_haveDesired || !m_discovered || m_pendingFetches > 0 || !m_cache || !m_cache->allSynced())
        return; // the last fetch or list to arrive publishes
    const LiveSnapshot live = snapshot();
    QList<QJsonObject> desired = m_desired.objects;
    if (m_options.serverSideDryRun) {
        // Approach 1: the server's own prediction replaces desired where it answered.
        for (QJsonObject& o : desired) {
            const kube::ApiResource* type = m_discovery.find(groupOf(o), o.value(u"kind").toString());
            if (!type)
                continue;
            const QString ns = type->namespaced
                                   ? (namespaceOf(o).isEmpty() ? m_connection.namespaceName : namespaceOf(o))
                                   : QString();
            const QString key = LiveSnapshot::typeKey(type->group, type->kind) + u'|' +
                                (ns.isEmpty() ? nameOf(o) : ns + u'/' + nameOf(o));
            if (auto it = m_predicted.constFind(key); it != m_predicted.cend())
                o = *it;
        }
    }
    DriftReport report = buildReport(desired, live, m_desired.rules, m_marks);
    if (m_desired.extraNamespaces) {
        const QSet<QString>& scope = *m_desired.extraNamespaces;
        report.resources.removeIf([&scope](const ResourceDrift& r) {
            return r.status == DriftStatus::Extra && !r.namespaceName.isEmpty() &&
                   !scope.contains(r.namespaceName);
        });
        report.recount();
    }
    report.context = m_connection.contextName;
    report.server = m_connection.cluster.server;
    report.revision = m_desired.revision;
    report.insecure = m_connection.cluster.insecureSkipTlsVerify;
    report.computedAt = QDateTime::currentDateTimeUtc();
    for (const QString& failedGroup : m_discovery.failedGroups)
        report.warnings.append(m_discovery.failedGroupErrors.value(
            failedGroup, QStringLiteral("The API group %1 could not be discovered.").arg(failedGroup)));
    if (m_client)
        report.warnings += m_client->warnings();
    emit reportReady(report);
}

} // namespace shiplog::core::drift
