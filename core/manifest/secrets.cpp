#include "core/manifest/secrets.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>

namespace shiplog::core::manifest {

namespace {

const QString kData = QStringLiteral("data");
const QString kStringData = QStringLiteral("stringData");
const QString kMetadata = QStringLiteral("metadata");
const QString kAnnotations = QStringLiteral("annotations");

QString digestOf(const QByteArray& bytes)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray bytesOf(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isNull())
        return QByteArray();
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

void digestSection(QJsonObject& secret, const QString& section, bool base64)
{
    const auto it = secret.find(section);
    if (it == secret.end() || !it->isObject())
        return;
    QJsonObject values = it->toObject();
    for (auto v = values.begin(); v != values.end(); ++v) {
        QByteArray plain = bytesOf(v.value());
        if (base64) {
            auto decoded = QByteArray::fromBase64Encoding(plain, QByteArray::AbortOnBase64DecodingErrors);
            plain = decoded ? *decoded : QByteArray("\x01invalid-base64:") + plain;
        }
        v.value() = digestOf(plain);
    }
    *it = values;
}

QJsonObject* annotationsOf(QJsonObject& secret, QJsonObject& scratchMetadata, QJsonObject& scratchAnnotations)
{
    if (!secret.value(kMetadata).isObject())
        return nullptr;
    scratchMetadata = secret.value(kMetadata).toObject();
    if (!scratchMetadata.value(kAnnotations).isObject())
        return nullptr;
    scratchAnnotations = scratchMetadata.value(kAnnotations).toObject();
    if (!scratchAnnotations.contains(QLatin1String(kLastAppliedAnnotation)))
        return nullptr;
    return &scratchAnnotations;
}

void storeAnnotations(QJsonObject& secret, QJsonObject& metadata, const QJsonObject& annotations)
{
    metadata.insert(kAnnotations, annotations);
    secret.insert(kMetadata, metadata);
}

// The masks handed out so far for one key: digest → mask.
struct MaskBook
{
    QHash<QString, QHash<QString, QString>> byKey;
    QString maskFor(const QString& key, const QString& digest)
    {
        auto& masks = byKey[key];
        const auto it = masks.constFind(digest);
        if (it != masks.constEnd())
            return *it;
        const QString mask = QString(8 + 4 * masks.size(), QLatin1Char('+'));
        masks.insert(digest, mask);
        return mask;
    }
};

void maskOne(QJsonObject& secret, MaskBook& book)
{
    for (const QString& section : {kData, kStringData}) {
        const auto it = secret.find(section);
        if (it == secret.end() || !it->isObject())
            continue;
        QJsonObject values = it->toObject();
        for (auto v = values.begin(); v != values.end(); ++v)
            v.value() = book.maskFor(v.key(), v.value().toString());
        *it = values;
    }
    QJsonObject metadata, annotations;
    if (annotationsOf(secret, metadata, annotations)) {
        const QString key = QLatin1String(kLastAppliedAnnotation);
        // A distinct book entry: the annotation's masks count apart from the data keys'.
        annotations.insert(key,
                           book.maskFor(QStringLiteral("\x01") + key, annotations.value(key).toString()));
        storeAnnotations(secret, metadata, annotations);
    }
}

} // namespace

void digestSecretValues(QJsonObject& secret)
{
    digestSection(secret, kData, true);
    digestSection(secret, kStringData, false);
    QJsonObject metadata, annotations;
    if (annotationsOf(secret, metadata, annotations)) {
        const QString key = QLatin1String(kLastAppliedAnnotation);
        annotations.insert(key, digestOf(bytesOf(annotations.value(key))));
        storeAnnotations(secret, metadata, annotations);
    }
}

void maskSecretPair(QJsonObject* before, QJsonObject* after)
{
    MaskBook book;
    if (before)
        maskOne(*before, book);
    if (after)
        maskOne(*after, book);
}

} // namespace shiplog::core::manifest
