#pragma once

#include "core/demo/kube_resource_types.h"

#include <QJsonObject>
#include <QString>
#include <expected>

namespace shiplog::core::demo {

// A failed API call as the API server reports it: a metav1.Status with the HTTP code.
struct ApiError
{
    int code = 500;
    QString reason; // NotFound, AlreadyExists, Conflict, Forbidden, Unauthorized, BadRequest, Expired…
    QString message;
    QJsonObject details;

    QJsonObject status() const;
};

template <typename T> using ApiResult = std::expected<T, ApiError>;

inline std::unexpected<ApiError> apiFail(ApiError error)
{
    return std::unexpected<ApiError>(std::move(error));
}

// The errors, worded as kube-apiserver words them (apimachinery pkg/api/errors).
ApiError notFound(const ResourceType& type, const QString& name);
ApiError alreadyExists(const ResourceType& type, const QString& name);
ApiError conflict(const ResourceType& type, const QString& name, const QString& why);
ApiError modifiedConflict(const ResourceType& type, const QString& name);
ApiError forbidden(const ResourceType& type, const QString& verb, const QString& user, const QString& ns,
                   const QString& name = {});
ApiError unauthorized();
ApiError badRequest(const QString& message);
ApiError invalid(const ResourceType& type, const QString& name, const QString& message);
ApiError expired(const QString& message);
ApiError methodNotAllowed(const QString& message);
ApiError unsupportedMediaType(const QString& message);
ApiError pathNotFound(const QString& path);

} // namespace shiplog::core::demo
