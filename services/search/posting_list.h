#pragma once
// PostingList: the ascending document sequences of one term in one field, in 8 bytes: empty, one
// sequence held inline (most terms of a large dictionary occur in one document of a field), or a
// pointer to a heap block [size, capacity, sequences...]. It reads as a contiguous range (begin,
// end, size, operator[]), as the std::vector it replaces did, for a third of the memory per term.
// Thread affinity: none (owned by a Collection).

#include <QtGlobal>

#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace homeport::search {

class PostingList
{
public:
    PostingList() = default;
    ~PostingList() { std::free(block()); }
    // (copied only when a QHash of them detaches)
    PostingList(const PostingList &other)
    {
        if (const quint32 *b = other.block())
            assign(b + kHeader, b[0]);
        else
            std::memcpy(m_words, other.m_words, sizeof m_words);
    }
    PostingList &operator=(const PostingList &other)
    {
        if (this != &other)
            *this = PostingList(other);
        return *this;
    }
    PostingList(PostingList &&other) noexcept { std::swap(m_words, other.m_words); }
    PostingList &operator=(PostingList &&other) noexcept
    {
        std::swap(m_words, other.m_words);
        return *this;
    }

    bool empty() const { return m_words[0] == 0 && m_words[1] == 0; }
    size_t size() const { return isInline() ? 1 : block() ? block()[0] : 0; }
    const quint32 *begin() const { return isInline() ? &m_words[1] : block() ? block() + kHeader : nullptr; }
    const quint32 *end() const { return begin() + size(); }
    const quint32 *data() const { return begin(); }
    quint32 operator[](size_t i) const { return begin()[i]; }
    quint32 back() const { return begin()[size() - 1]; }
    // The block's bytes as asked of malloc, capacity included (an inline or empty list has none).
    size_t heapBytes() const
    {
        const quint32 *b = block();
        return b ? (kHeader + b[1]) * sizeof(quint32) : 0;
    }

    // True when the list took a block or grew its block (room ahead that trimSpare() may give back).
    bool push_back(quint32 seq)
    {
        if (empty()) {
            m_words[0] = kInlineTag;
            m_words[1] = seq;
            return false;
        }
        quint32 *b = block();
        bool grew = false;
        if (!b) { // one inline: a block from here on
            b = allocate(nullptr, 4);
            b[0] = 1;
            b[kHeader] = m_words[1];
            setBlock(b);
            grew = true;
        } else if (b[0] == b[1]) {
            b = allocate(b, b[1] + b[1] / 2 + 2);
            setBlock(b);
            grew = true;
        }
        b[kHeader + b[0]] = seq;
        ++b[0];
        return grew;
    }
    // After a batch of writes: a block with more room ahead than an eighth of its sequences keeps
    // a sixteenth, so that the next batches append without moving it at once. Only when malloc
    // really splits off the rest (a remainder of 32 bytes or more).
    void trimSpare()
    {
        quint32 *b = block();
        if (!b || b[1] - b[0] <= b[0] / 8 + 2)
            return;
        const quint32 capacity = b[0] + b[0] / 16 + 2;
        if (chunkBytes(b[1]) - chunkBytes(capacity) < 32)
            return;
        setBlock(allocate(b, capacity));
    }
    // Gives back what the block grew ahead.
    void shrink_to_fit()
    {
        quint32 *b = block();
        if (!b || b[0] == b[1])
            return;
        if (b[0] == 1) {
            const quint32 only = b[kHeader];
            std::free(b);
            m_words[0] = kInlineTag;
            m_words[1] = only;
            return;
        }
        setBlock(allocate(b, b[0]));
    }
    // Replaces the contents by n sequences (an index snapshot being read).
    void assign(const quint32 *seqs, size_t n)
    {
        *this = PostingList();
        if (n == 1) {
            push_back(seqs[0]);
        } else if (n > 1) {
            quint32 *b = allocate(nullptr, quint32(n));
            b[0] = quint32(n);
            std::memcpy(b + kHeader, seqs, n * sizeof(quint32));
            setBlock(b);
        }
    }

private:
    static constexpr quint32 kInlineTag = 1; // in the low word, where a block pointer (aligned) has 0
    static constexpr size_t kHeader = 2;     // size, capacity
    static_assert(std::endian::native == std::endian::little, "the inline tag shares the pointer's low word");

    bool isInline() const { return m_words[0] == kInlineTag; }
    quint32 *block() const
    {
        if (isInline())
            return nullptr;
        quint32 *p;
        std::memcpy(&p, m_words, sizeof p);
        return p;
    }
    void setBlock(quint32 *p) { std::memcpy(m_words, &p, sizeof p); }
    // What malloc (glibc) takes for a block of `capacity` sequences: the request and an 8-byte
    // header, rounded up to 16.
    static size_t chunkBytes(quint32 capacity) { return ((kHeader + capacity) * sizeof(quint32) + 8 + 15) & ~size_t(15); }
    static quint32 *allocate(quint32 *old, quint32 capacity)
    {
        auto *b = static_cast<quint32 *>(std::realloc(old, (kHeader + capacity) * sizeof(quint32)));
        if (!b)
            throw std::bad_alloc();
        b[1] = capacity;
        return b;
    }

    quint32 m_words[2] = {0, 0}; // a block pointer, or {kInlineTag, the one sequence}, or {0, 0}
};

static_assert(sizeof(PostingList) == 8);

} // namespace homeport::search
