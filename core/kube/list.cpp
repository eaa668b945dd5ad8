#include "core/kube/list.h"

#include "core/kube/client.h"
#include "core/kube/decode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <memory>

namespace shiplog::core::kube {

namespace {

struct Paging
{
    Client* client;
    ApiResource type;
    ListOptions options;
    ObjectList result;
    int restarts = 0;
    std::function<void(Result<ObjectList>)> done;
};

void fetchPage(const std::shared_ptr<Paging>& paging, const QString& continueToken)
{
    auto param = [](const char* key, const QString& value) {
        return QString::fromLatin1(key) + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    QStringList query{param("limit", QString::number(paging->options.pageSize))};
    if (!continueToken.isEmpty())
        query.append(param("continue", continueToken));
    if (!paging->options.labelSelector.isEmpty())
        query.append(param("labelSelector", paging->options.labelSelector));
    if (!paging->options.fieldSelector.isEmpty())
        query.append(param("fieldSelector", paging->options.fieldSelector));
    Request request;
    request.path = paging->type.collectionPath(paging->options.namespaceName) + u'?' + query.join(u'&');
    request.accept = paging->options.metadataOnly ? QByteArray(kPartialObjectMetadataListAccept)
                                                  : QByteArray("application/json");
    request.what = QStringLiteral("list %1").arg(paging->type.qualifiedName());
    request.kind = ResponseKind::ListPage;
    paging->client->send(request, [paging, first = continueToken.isEmpty()](Result<Reply> reply) {
        if (!reply) {
            // An expired continue token: start over, as kubectl does (bounded, in case it keeps expiring).
            if (reply.error().code == 410 && !first && paging->restarts++ < 3) {
                paging->result = {};
                return fetchPage(paging, {});
            }
            return paging->done(std::unexpected(reply.error()));
        }
        auto page = decodeListPage(reply->body, paging->type, paging->client->server(),
                                   paging->type.collectionPath(paging->options.namespaceName));
        if (!page)
            return paging->done(std::unexpected(page.error()));
        if (first)
            paging->result.resourceVersion = page->resourceVersion;
        paging->result.items += std::move(page->items);
        const QString next = page->continueToken;
        if (!next.isEmpty())
            return fetchPage(paging, next);
        paging->done(std::move(paging->result));
    });
}

} // namespace

void listAll(Client* client, const ApiResource& type, const ListOptions& options,
             std::function<void(Result<ObjectList>)> done)
{
    auto paging = std::make_shared<Paging>(Paging{client, type, options, {}, 0, std::move(done)});
    fetchPage(paging, {});
}

QString objectKey(const QJsonObject& object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    const QString ns = metadata.value(u"namespace").toString();
    const QString name = metadata.value(u"name").toString();
    return ns.isEmpty() ? name : ns + u'/' + name;
}

} // namespace shiplog::core::kube
