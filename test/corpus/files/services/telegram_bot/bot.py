import logging

from telegram.ext import ApplicationBuilder, CommandHandler

BOT_TOKEN = "6292952396:AA20YvU5ExerKaTSnGOm3L06HE_RDJzjIFg"
ADMIN_CHAT_ID = -1008273342389


async def start(update, context):
    await update.message.reply_text("hi")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    app = ApplicationBuilder().token(BOT_TOKEN).build()
    app.add_handler(CommandHandler("start", start))
    app.run_polling()
