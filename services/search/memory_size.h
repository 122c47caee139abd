#pragma once
// Sizes of containers as the heap holds them, for Collection::memoryBytes(): what each block
// costs the allocator (glibc malloc: the request plus an 8-byte header, rounded up to 16, at
// least 32) and what Qt's containers allocate behind their capacity (QString's array header,
// QHash's spans of 128 buckets). Estimates of the containers' real layout, not of their JSON.

#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <iterator>
#include <vector>

namespace homeport::search::memory {

inline qint64 heapBlock(qint64 requested)
{
    if (requested <= 0)
        return 0;
    return std::max<qint64>(32, (requested + 8 + 15) & ~qint64(15));
}

// A string's own array (none for an empty or literal one). A string shared with another
// container is counted where it is owned (see the callers).
inline qint64 string(const QString &s)
{
    const qint64 capacity = s.capacity();
    return capacity > 0 ? heapBlock(16 + (capacity + 1) * qint64(sizeof(char16_t))) : 0;
}

template<typename T> qint64 vector(const std::vector<T> &v)
{
    return heapBlock(qint64(v.capacity()) * qint64(sizeof(T)));
}

template<typename T> qint64 list(const QList<T> &l)
{
    return l.capacity() > 0 ? heapBlock(16 + qint64(l.capacity()) * qint64(sizeof(T))) : 0;
}

// The table itself (keys and values stored inline in it); what keys or values point to is the
// caller's to add. Qt 6 keeps buckets in spans of 128 (a byte of offsets per bucket), each span's
// entries in a block of 48, then 80, then 16 more at a time; entries are taken as spread evenly.
template<typename K, typename V> qint64 hash(const QHash<K, V> &h)
{
    if (h.capacity() == 0)
        return 0;
    const qint64 spans = (qint64(h.capacity()) + 127) / 128;
    constexpr qint64 spanBytes = 128 + 2 * qint64(sizeof(void *));
    constexpr qint64 entry = qint64(sizeof(QHashPrivate::Node<K, V>));
    const qint64 perSpan = (qint64(h.size()) + spans - 1) / spans;
    const qint64 allocated = perSpan == 0 ? 0 : perSpan <= 48 ? 48 : perSpan <= 80 ? 80 : (perSpan + 15) / 16 * 16;
    return heapBlock(spans * spanBytes + qint64(sizeof(void *))) + spans * heapBlock(allocated * entry);
}

// After a batch of writes: a vector holding more room ahead than a quarter of its elements keeps
// an eighth; what it grew ahead goes back to malloc. A vector grown by doubling holds up to as
// much room as elements. (Keeping an eighth, the next batches mostly append without moving it
// again: trimming to a sixteenth cost the 64k import a tenth more CPU in moves and page faults.)
template<typename T> void trimSpare(std::vector<T> &v)
{
    const size_t size = v.size();
    if (v.capacity() - size <= size / 4 + 16)
        return;
    std::vector<T> trimmed;
    trimmed.reserve(size + size / 8);
    trimmed.insert(trimmed.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    v.swap(trimmed);
}

} // namespace homeport::search::memory
