package xen2mx.btl.mx.lib;

import xen2mx.btl.mx.driver.Driver;

/** Constants of the MX API ({@code myriexpress.h}), Java-ized. */
public final class Mx
{
    /** {@code MX_API}: the API version Open-MX implements. */
    public static final int API = 0x301;
    /** {@code MX_ANY_NIC}: open on the first board. */
    public static final int ANY_NIC = 0xFFFFFFFF;
    /** {@code MX_ANY_ENDPOINT}: take the first free endpoint index. */
    public static final int ANY_ENDPOINT = 0xFFFFFFFF;
    /** {@code MX_MATCH_MASK_NONE}: every bit must match. */
    public static final long MATCH_MASK_NONE = -1L;
    /** {@code MX_INFINITE}: a timeout of 0 milliseconds means wait forever, as in MX. */
    public static final long INFINITE = 0;
    /** {@code MX_MAX_SEGMENTS}. */
    public static final int MAX_SEGMENTS = Segments.MAX_SEGMENTS;
    /** Largest tiny message. */
    public static final int TINY_MAX = 32;
    /** Largest small message. */
    public static final int SMALL_MAX = 128;

    private Mx()
    {
    }

    /**
     * {@code mx_get_info}: one fact about a board.
     *
     * @param board a board index, or {@link #ANY_NIC} for board 0 (board-independent keys ignore it).
     * @return the value, of the type {@link MxInfoKey} documents.
     * @throws MxException BAD_INFO_KEY for a null key, BOARD_UNKNOWN for a board that does not exist.
     */
    public static Object getInfo(final Driver driver, final MxInfoKey key, final int board)
    {
        if (key == null)
        {
            throw new MxException(MxReturn.BAD_INFO_KEY, "info key is null");
        }
        return key.value(driver, checkBoard(driver, board));
    }

    /**
     * {@code mx_board_number_to_nic_id}.
     *
     * @throws MxException BOARD_UNKNOWN for a board that does not exist.
     */
    public static long boardNumberToNicId(final Driver driver, final int board)
    {
        return driver.boardAddress(checkBoard(driver, board));
    }

    /**
     * {@code mx_nic_id_to_board_number}.
     *
     * @throws MxException NIC_NOT_FOUND if no local board has that nic id.
     */
    public static int nicIdToBoardNumber(final Driver driver, final long nicId)
    {
        for (int board = 0; board < driver.boardCount(); board++)
        {
            if (driver.boardAddress(board) == nicId)
            {
                return board;
            }
        }
        throw new MxException(MxReturn.NIC_NOT_FOUND, String.format("no local board has nic id %012x", nicId));
    }

    private static int checkBoard(final Driver driver, final int board)
    {
        final int index = board == ANY_NIC ? 0 : board;
        if (index < 0 || index >= driver.boardCount())
        {
            throw new MxException(MxReturn.BOARD_UNKNOWN,
                "board " + board + " (the driver has " + driver.boardCount() + ")");
        }
        return index;
    }
}
