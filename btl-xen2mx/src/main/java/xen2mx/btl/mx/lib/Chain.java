package xen2mx.btl.mx.lib;

/**
 * An intrusive doubly linked FIFO: every element owns one {@link Node} per chain kind it can be on, so linking and
 * unlinking never allocate and removal from the middle is O(1) (Open-MX's request queue elements).
 *
 * <p>Invariant: a node is on at most one chain; {@code node.chain == this} iff the node is linked here.
 * Guarded by the endpoint lock.
 *
 * @param <T> the element type.
 */
final class Chain<T>
{
    private Node<T> head;
    private Node<T> tail;
    private int size;

    /** One element's membership of one chain. */
    static final class Node<T>
    {
        final T item;
        Chain<T> chain;
        Node<T> previous;
        Node<T> next;

        Node(final T item)
        {
            this.item = item;
        }

        boolean linked()
        {
            return chain != null;
        }

        /** Unlinks the node from whatever chain holds it; no effect when unlinked. */
        void unlink()
        {
            if (chain != null)
            {
                chain.remove(this);
            }
        }
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /** @return the first element, or null. */
    T peek()
    {
        return head == null ? null : head.item;
    }

    Node<T> first()
    {
        return head;
    }

    /** Appends a node that is on no chain. */
    void add(final Node<T> node)
    {
        if (node.chain != null)
        {
            throw new IllegalStateException("node already linked");
        }
        node.chain = this;
        node.next = null;
        node.previous = tail;
        if (tail == null)
        {
            head = node;
        }
        else
        {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /** Inserts a node that is on no chain before {@code successor} (which is on this chain), or appends if null. */
    void insertBefore(final Node<T> node, final Node<T> successor)
    {
        if (successor == null)
        {
            add(node);
            return;
        }
        if (node.chain != null || successor.chain != this)
        {
            throw new IllegalStateException("bad insertion");
        }
        node.chain = this;
        node.next = successor;
        node.previous = successor.previous;
        if (successor.previous == null)
        {
            head = node;
        }
        else
        {
            successor.previous.next = node;
        }
        successor.previous = node;
        size++;
    }

    /** @return the first element, unlinked, or null. */
    T poll()
    {
        final Node<T> node = head;
        if (node == null)
        {
            return null;
        }
        remove(node);
        return node.item;
    }

    void remove(final Node<T> node)
    {
        if (node.chain != this)
        {
            throw new IllegalStateException("node not on this chain");
        }
        if (node.previous == null)
        {
            head = node.next;
        }
        else
        {
            node.previous.next = node.next;
        }
        if (node.next == null)
        {
            tail = node.previous;
        }
        else
        {
            node.next.previous = node.previous;
        }
        node.previous = null;
        node.next = null;
        node.chain = null;
        size--;
    }
}
