#pragma once

#include "core/demo/kube_http.h"
#include "core/demo/kube_selectors.h"
#include "core/demo/kube_store.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QString>
#include <variant>

namespace shiplog::core::demo {

// A whole response.
struct ApiReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

// How objects are rendered for the client (from its Accept header).
enum class OutputForm
{
    Object,
    Table,
    Metadata
};

// A watch the server connection must stream (the handler only decides; the server streams).
struct WatchSpec
{
    ResourceType type;
    QString ns;
    Selector labels;
    Selector fields;
    qint64 since = 0;
    bool initialEvents = false; // resourceVersion "" or "0": synthetic ADDED for what exists
    bool bookmarks = false;
    int timeoutSeconds = 0;
    OutputForm form = OutputForm::Object;
};

// Who may do what: the bearer token (empty: anyone), the user name Forbidden messages name, and the
// types that user may not touch (store keys, "/secrets", "apps/deployments").
struct AccessPolicy
{
    QString token;
    QString user = QStringLiteral("shiplog-demo");
    QSet<QString> denied;
};

// Turns one request into a reply or a watch: routing, auth, discovery, list/get/create/replace/
// patch/apply/delete, the scale and status subresources, Tables and metadata-only answers.
class KubeApiHandler
{
public:
    explicit KubeApiHandler(KubeStore* store);

    void setPolicy(const AccessPolicy& policy);
    AccessPolicy policy() const;
    void setServerAddress(const QString& hostPort);

    std::variant<ApiReply, WatchSpec> handle(const HttpRequest& request) const;

    // One line of a watch stream: {"type":…,"object":…}\n rendered for the watch's form.
    QByteArray watchEvent(const WatchSpec& watch, const QString& type, const QJsonObject& object) const;
    bool watchMatches(const WatchSpec& watch, const QJsonObject& object) const;

private:
    ApiReply handleResource(const HttpRequest& request, const ResourceType& type, const QString& ns,
                            const QString& name, const QString& subresource,
                            std::optional<WatchSpec>& watch) const;
    ApiReply list(const HttpRequest& request, const ResourceType& type, const QString& ns) const;
    ApiReply patch(const HttpRequest& request, const ResourceType& type, const QString& ns,
                   const QString& name, const QString& subresource) const;
    ApiReply scale(const HttpRequest& request, const ResourceType& type, const QString& ns,
                   const QString& name) const;

    KubeStore* m_store;
    mutable QMutex m_mutex;
    AccessPolicy m_policy;
    QString m_serverAddress;
};

ApiReply errorReply(const ApiError& error);
ApiReply jsonReply(int status, const QJsonObject& object, const QByteArray& contentType = "application/json");
OutputForm outputFormFor(const QByteArray& accept);
// The object as served for a type's version (kind and apiVersion set).
QJsonObject servedObject(const ResourceType& type, QJsonObject object);

} // namespace shiplog::core::demo
