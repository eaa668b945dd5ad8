#pragma once

// Decoding what an API server answers — discovery documents, list pages, Status errors — as pure
// functions of the bytes (no network, no QObject), so that the client uses them and the fuzz
// targets (tests/fuzz) can feed them anything. Discovery's resource parsers are declared in
// discovery.h and implemented here.
#include "core/common/error.h"
#include "core/kube/discovery.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace shiplog::core::kube {

enum class DiscoveryDocument
{
    Version,
    CoreVersions,
    Groups,
    ResourceList
};

// The JSON object of a discovery answer, or an error naming `server` and `path` when the answer is
// not that document: HTML (a proxy's login page), invalid JSON, or an object without the fields the
// endpoint always serves (`{}`).
Result<QJsonObject> decodeDiscoveryDocument(const QString& server, const QString& path,
                                            const QByteArray& contentType, const QByteArray& body,
                                            DiscoveryDocument document);

struct ListPage
{
    QString resourceVersion;
    QString continueToken;
    QList<QJsonObject> items; // kind and apiVersion filled in from `type`
};

// One page of a list of `type` from `server` (GET `path`): an error unless it is a JSON object with
// an "items" array (or null) — a list cut off or replaced must never read as "no objects".
Result<ListPage> decodeListPage(const QByteArray& body, const ApiResource& type, const QString& server,
                                const QString& path);

struct StatusInfo
{
    int code = 0;
    QString reason;  // "NotFound", "Forbidden"; "" when the body is not a Status
    QString message; // the Status message, else the start of the body (at most 300 bytes)
};

// A non-2xx answer's Status (apimachinery metav1.Status), tolerating any body.
StatusInfo decodeStatus(const QByteArray& body, int httpStatus);

} // namespace shiplog::core::kube
