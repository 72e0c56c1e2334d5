package xen2mx.btl.mx.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;


import xen2mx.btl.mx.driver.Agent;
import xen2mx.btl.mx.driver.DriverCore;
import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.Futex;

/**
 * The backend's one thread of work (Aeron's {@code DriverConductor}): it owns the driver core and every guest, runs
 * control tasks handed over by the guests' socket threads, drains each guest's command ring, runs the core's duty
 * cycle (NIC frames, the loopback of co-located guests, pull timers) and moves waiting completions into event rings.
 *
 * <p>Idle: it polls for {@link #SPIN_NANOS} after its last work, then sleeps in one {@code futex_waitv} on every
 * guest's command-ring doorbell plus its own doorbell (rung by control tasks and by the NIC watcher thread, which
 * blocks in {@code ppoll} on the raw socket only while the conductor sleeps), at most until the next pull timer.
 * So an idle backend takes no CPU beyond the NIC watcher's and its own wake-ups on timers.
 */
final class BackendConductor implements Agent
{
    private static final long SPIN_NANOS = 50_000L;
    private static final long MAX_SLEEP_NANOS = 200_000_000L;
    private static final long NIC_WATCH_NANOS = 200_000_000L;

    private final DriverCore core;
    private final EthernetChannel channel;
    private final boolean hasNic;
    private final FrontendCommandAdapter adapter;
    private final List<Guest> guests = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Futex futex = new Futex();
    private final SharedBuffer doorbell = new SharedBuffer(ByteBuffer.allocateDirect(64));
    private final long doorbellAddress = doorbell.address();
    private final long[] sleepAddresses = new long[Futex.WAITV_MAX];
    private final int[] sleepValues = new int[Futex.WAITV_MAX];
    private final BackendLog log;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    private Thread nicWatcher;
    private Thread thread;

    BackendConductor(final DriverCore core, final EthernetChannel channel, final boolean hasNic, final BackendLog log)
    {
        this.core = core;
        this.channel = channel;
        this.hasNic = hasNic;
        this.adapter = new FrontendCommandAdapter(core);
        this.log = log;
    }

    @Override
    public String roleName()
    {
        return "backend-conductor";
    }

    DriverCore core()
    {
        return core;
    }

    /** Starts the conductor's thread (and the NIC watcher's with a NIC). */
    void start()
    {
        thread = new Thread(this::run, roleName());
        thread.start();
        if (hasNic)
        {
            nicWatcher = new Thread(this::watchNic, "backend-nic-watcher");
            nicWatcher.setDaemon(true);
            nicWatcher.start();
        }
    }

    /**
     * Runs {@code task} on the conductor's thread soon; any thread.
     *
     * @param task the task.
     */
    void submit(final Runnable task)
    {
        tasks.add(task);
        ring();
    }

    /** Stops the thread, detaches every guest and closes the core. */
    void stop()
    {
        running = false;
        ring();
        if (thread != null)
        {
            try
            {
                thread.join(5_000L);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (nicWatcher != null)
        {
            LockSupport.unpark(nicWatcher);
        }
    }

    /** Adds a guest; conductor thread. */
    void addGuest(final Guest guest)
    {
        guests.add(guest);
    }

    /** @return the guests (conductor thread). */
    List<Guest> guests()
    {
        return guests;
    }

    /**
     * Detaches a guest: its endpoints close (peers' later frames get NACK ENDPT_CLOSED), its files go. Conductor
     * thread.
     *
     * @param guest  the guest.
     * @param reason logged.
     */
    void detach(final Guest guest, final String reason)
    {
        if (!guests.remove(guest))
        {
            return;
        }
        for (final GuestEndpoint endpoint : guest.endpoints())
        {
            if (endpoint != null)
            {
                core.closeEndpoint(endpoint.core());
            }
        }
        guest.release();
        log.info("detached " + guest.name() + ": " + reason);
    }

    @Override
    public int doWork()
    {
        int work = 0;
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            task.run();
            work++;
        }
        for (int i = 0; i < guests.size(); i++)
        {
            work += adapter.drain(guests.get(i));
        }
        work += core.doWork();
        for (int i = guests.size() - 1; i >= 0; i--)
        {
            final Guest guest = guests.get(i);
            work += guest.flushPending();
            if (guest.failure() != null)
            {
                detach(guest, guest.failure());
            }
        }
        return work;
    }

    private void run()
    {
        long idleSince = 0;
        while (running)
        {
            final int work = doWork();
            if (work > 0)
            {
                idleSince = 0;
                continue;
            }
            final long now = System.nanoTime();
            if (idleSince == 0)
            {
                idleSince = now;
            }
            if (now - idleSince < SPIN_NANOS)
            {
                Thread.onSpinWait();
                continue;
            }
            sleep();
        }
        for (int i = guests.size() - 1; i >= 0; i--)
        {
            detach(guests.get(i), "the backend stops");
        }
        core.close();
    }

    private void sleep()
    {
        final int count = Math.min(guests.size(), Futex.WAITV_MAX - 1);
        for (int i = 0; i < count; i++)
        {
            sleepAddresses[i] = guests.get(i).commands.doorbellAddress();
            sleepValues[i] = guests.get(i).commands.prepareSleep();
        }
        sleepAddresses[count] = doorbellAddress;
        sleepValues[count] = doorbell.getIntVolatile(0);
        sleeping = true; // StoreLoad (volatile): ringers see it before we recheck
        try
        {
            if (!tasks.isEmpty() || anyCommands(count) || !running)
            {
                return;
            }
            final long timer = core.nanosToNextTimer();
            if (timer <= 0)
            {
                return;
            }
            if (nicWatcher != null)
            {
                LockSupport.unpark(nicWatcher);
            }
            futex.waitAny(sleepAddresses, sleepValues, count + 1, Math.min(timer, MAX_SLEEP_NANOS));
        }
        finally
        {
            sleeping = false;
            for (int i = 0; i < count; i++)
            {
                guests.get(i).commands.awake();
            }
        }
    }

    private boolean anyCommands(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final Guest guest = guests.get(i);
            try
            {
                if (guest.commands.available() > 0)
                {
                    return true;
                }
            }
            catch (final IllegalStateException ex)
            {
                guest.fail("command ring: " + ex.getMessage());
                return true;
            }
        }
        return false;
    }

    private void ring()
    {
        doorbell.getAndAddInt(0, 1);
        Futex.wakeAll(doorbellAddress);
    }

    /** With a NIC: blocks on the raw socket while the conductor sleeps, and rings it when frames may be ready. */
    private void watchNic()
    {
        while (running)
        {
            if (!sleeping)
            {
                LockSupport.parkNanos(this, NIC_WATCH_NANOS);
                continue;
            }
            channel.awaitFrames(NIC_WATCH_NANOS);
            if (sleeping && running)
            {
                ring();
                LockSupport.parkNanos(this, NIC_WATCH_NANOS); // until the conductor sleeps again and unparks us
            }
        }
    }
}
