<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS or Atom feed opened in a browser as a readable page with subscription help. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
    <xsl:variable name="home" select="(rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href)[1]"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (web feed)</title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; color: #1d1d1f; background: #fff; margin: 0; }
          main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
          .hint { background: #fdf3f2; border-left: 4px solid #b3261e; padding: .75rem 1rem; }
          h1 { font-family: Georgia, serif; font-size: 1.75rem; line-height: 1.2; }
          li { margin: 0 0 1.25rem; list-style: none; }
          ul { padding: 0; }
          a { color: #8c1d18; } a:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
          time { color: #555; font-size: .875rem; display: block; }
        </style>
      </head>
      <body>
        <main>
          <p class="hint"><strong>This is a web feed.</strong> To follow
            <xsl:value-of select="$title"/> in your news reader, copy this page's address into it
            (it works in Feedly, NetNewsWire, Thunderbird, Inoreader and most others).</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><a href="{$home}">Visit the website</a></p>
          <ul>
            <xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
              <li>
                <a href="{(link | atom:link[@rel='alternate']/@href)[1]}"><xsl:value-of select="title | atom:title"/></a>
                <time><xsl:value-of select="(pubDate | atom:published)[1]"/></time>
                <div><xsl:value-of select="(description | atom:summary)[1]"/></div>
              </li>
            </xsl:for-each>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
