#include "core/demo/kube_protobuf.h"

#include <QDateTime>
#include <QJsonArray>
#include <vector>

namespace shiplog::core::demo {

namespace {

using namespace Qt::StringLiterals;

enum class Kind
{
    String,
    Bytes,
    Int,
    Bool,
    Message,
    MapStringString,
    MapStringBytes,
    RepeatedString,
    RepeatedMessage,
    Time
};

struct Message;

struct Field
{
    int number;
    const char* name;
    Kind kind;
    const Message* message = nullptr;
};

struct Message
{
    std::vector<Field> fields;
};

// Field numbers from k8s.io/api and apimachinery generated.proto.
const Message kOwnerReference{{{1, "kind", Kind::String},
                               {3, "name", Kind::String},
                               {4, "uid", Kind::String},
                               {5, "apiVersion", Kind::String},
                               {6, "controller", Kind::Bool},
                               {7, "blockOwnerDeletion", Kind::Bool}}};
const Message kObjectMeta{{{1, "name", Kind::String},
                           {2, "generateName", Kind::String},
                           {3, "namespace", Kind::String},
                           {5, "uid", Kind::String},
                           {6, "resourceVersion", Kind::String},
                           {7, "generation", Kind::Int},
                           {8, "creationTimestamp", Kind::Time},
                           {11, "labels", Kind::MapStringString},
                           {12, "annotations", Kind::MapStringString},
                           {13, "ownerReferences", Kind::RepeatedMessage, &kOwnerReference},
                           {14, "finalizers", Kind::RepeatedString}}};
const Message kConfigMap{{{1, "metadata", Kind::Message, &kObjectMeta},
                          {2, "data", Kind::MapStringString},
                          {3, "binaryData", Kind::MapStringBytes},
                          {4, "immutable", Kind::Bool}}};
const Message kSecret{{{1, "metadata", Kind::Message, &kObjectMeta},
                       {2, "data", Kind::MapStringBytes},
                       {3, "type", Kind::String},
                       {4, "stringData", Kind::MapStringString},
                       {5, "immutable", Kind::Bool}}};
const Message kNamespaceSpec{{{1, "finalizers", Kind::RepeatedString}}};
const Message kNamespace{
    {{1, "metadata", Kind::Message, &kObjectMeta}, {2, "spec", Kind::Message, &kNamespaceSpec}}};
const Message kLocalObjectReference{{{1, "name", Kind::String}}};
const Message kObjectReference{{{1, "kind", Kind::String},
                                {2, "namespace", Kind::String},
                                {3, "name", Kind::String},
                                {4, "uid", Kind::String},
                                {5, "apiVersion", Kind::String},
                                {6, "resourceVersion", Kind::String},
                                {7, "fieldPath", Kind::String}}};
const Message kServiceAccount{{{1, "metadata", Kind::Message, &kObjectMeta},
                               {2, "secrets", Kind::RepeatedMessage, &kObjectReference},
                               {3, "imagePullSecrets", Kind::RepeatedMessage, &kLocalObjectReference},
                               {4, "automountServiceAccountToken", Kind::Bool}}};

class Reader
{
public:
    explicit Reader(QByteArrayView data) : m_data(data) {}
    bool atEnd() const { return m_at >= m_data.size(); }
    bool ok() const { return m_ok; }

    quint64 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (atEnd()) {
                m_ok = false;
                return 0;
            }
            const quint8 byte = quint8(m_data[m_at++]);
            value |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        m_ok = false;
        return 0;
    }

    QByteArrayView bytes()
    {
        const quint64 length = varint();
        if (!m_ok || length > quint64(m_data.size() - m_at)) {
            m_ok = false;
            return {};
        }
        const QByteArrayView view = m_data.sliced(m_at, qsizetype(length));
        m_at += qsizetype(length);
        return view;
    }

    void skip(int wireType)
    {
        switch (wireType) {
        case 0:
            varint();
            break;
        case 1:
            m_at += 8;
            break;
        case 2:
            bytes();
            break;
        case 5:
            m_at += 4;
            break;
        default:
            m_ok = false;
        }
        if (m_at > m_data.size())
            m_ok = false;
    }

private:
    QByteArrayView m_data;
    qsizetype m_at = 0;
    bool m_ok = true;
};

std::pair<QString, QByteArray> mapEntry(QByteArrayView data)
{
    Reader r(data);
    QString key;
    QByteArray value;
    while (!r.atEnd() && r.ok()) {
        const quint64 tag = r.varint();
        if ((tag & 7) != 2) {
            r.skip(int(tag & 7));
            continue;
        }
        const QByteArrayView bytes = r.bytes();
        if ((tag >> 3) == 1)
            key = QString::fromUtf8(bytes);
        else if ((tag >> 3) == 2)
            value = bytes.toByteArray();
    }
    return {key, value};
}

QJsonObject decode(QByteArrayView data, const Message& message, bool& ok)
{
    QJsonObject object;
    Reader r(data);
    while (!r.atEnd() && r.ok()) {
        const quint64 tag = r.varint();
        const int number = int(tag >> 3);
        const int wireType = int(tag & 7);
        const Field* field = nullptr;
        for (const Field& f : message.fields)
            if (f.number == number)
                field = &f;
        if (!field) {
            r.skip(wireType);
            continue;
        }
        const QString name = QString::fromLatin1(field->name);
        switch (field->kind) {
        case Kind::String: {
            // proto2 sends empty optional strings; JSON leaves them out (omitempty).
            const QString text = QString::fromUtf8(r.bytes());
            if (!text.isEmpty())
                object.insert(name, text);
            break;
        }
        case Kind::Bytes:
            object.insert(name, QString::fromLatin1(r.bytes().toByteArray().toBase64()));
            break;
        case Kind::Int:
            if (const qint64 value = qint64(r.varint()); value != 0)
                object.insert(name, value);
            break;
        case Kind::Bool:
            if (r.varint() != 0)
                object.insert(name, true);
            break;
        case Kind::Message: {
            const QJsonObject child = decode(r.bytes(), *field->message, ok);
            if (!child.isEmpty())
                object.insert(name, child);
            break;
        }
        case Kind::Time: {
            Reader t(r.bytes());
            qint64 seconds = 0;
            while (!t.atEnd() && t.ok()) {
                const quint64 timeTag = t.varint();
                if ((timeTag >> 3) == 1 && (timeTag & 7) == 0)
                    seconds = qint64(t.varint());
                else
                    t.skip(int(timeTag & 7));
            }
            if (seconds != 0)
                object.insert(name, QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate));
            break;
        }
        case Kind::MapStringString:
        case Kind::MapStringBytes: {
            const auto [key, value] = mapEntry(r.bytes());
            QJsonObject map = object.value(name).toObject();
            map.insert(key, field->kind == Kind::MapStringString ? QString::fromUtf8(value)
                                                                 : QString::fromLatin1(value.toBase64()));
            object.insert(name, map);
            break;
        }
        case Kind::RepeatedString: {
            QJsonArray items = object.value(name).toArray();
            items.append(QString::fromUtf8(r.bytes()));
            object.insert(name, items);
            break;
        }
        case Kind::RepeatedMessage: {
            QJsonArray items = object.value(name).toArray();
            items.append(decode(r.bytes(), *field->message, ok));
            object.insert(name, items);
            break;
        }
        }
    }
    ok = ok && r.ok();
    return object;
}

} // namespace

bool isKubeProtobuf(const QByteArray& body)
{
    return body.startsWith(QByteArrayView("k8s\0", 4));
}

Result<QJsonObject> decodeKubeProtobuf(const QByteArray& body)
{
    if (!isKubeProtobuf(body))
        return fail(u"the body is not in the Kubernetes protobuf encoding"_s);
    Reader envelope(QByteArrayView(body).sliced(4));
    QString apiVersion;
    QString kind;
    QByteArrayView raw;
    while (!envelope.atEnd() && envelope.ok()) {
        const quint64 tag = envelope.varint();
        if ((tag & 7) != 2) {
            envelope.skip(int(tag & 7));
            continue;
        }
        const QByteArrayView bytes = envelope.bytes();
        if ((tag >> 3) == 1) {
            Reader typeMeta(bytes);
            while (!typeMeta.atEnd() && typeMeta.ok()) {
                const quint64 t = typeMeta.varint();
                const QByteArrayView v = typeMeta.bytes();
                if ((t >> 3) == 1)
                    apiVersion = QString::fromUtf8(v);
                else if ((t >> 3) == 2)
                    kind = QString::fromUtf8(v);
            }
        } else if ((tag >> 3) == 2) {
            raw = bytes;
        }
    }
    if (!envelope.ok())
        return fail(u"the protobuf body is truncated"_s);
    const Message* message = nullptr;
    if (apiVersion == u"v1"_s && kind == u"ConfigMap"_s)
        message = &kConfigMap;
    else if (apiVersion == u"v1"_s && kind == u"Secret"_s)
        message = &kSecret;
    else if (apiVersion == u"v1"_s && kind == u"Namespace"_s)
        message = &kNamespace;
    else if (apiVersion == u"v1"_s && kind == u"ServiceAccount"_s)
        message = &kServiceAccount;
    if (!message)
        return fail(
            QStringLiteral("the local Kubernetes API server cannot decode %1 %2 sent as protobuf; send it as "
                           "JSON (kubectl create -f)")
                .arg(apiVersion, kind));
    bool ok = true;
    QJsonObject object = decode(raw, *message, ok);
    if (!ok)
        return fail(QStringLiteral("the protobuf encoding of %1 is malformed").arg(kind));
    object.insert(u"apiVersion"_s, apiVersion);
    object.insert(u"kind"_s, kind);
    return object;
}

} // namespace shiplog::core::demo
